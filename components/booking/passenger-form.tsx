'use client';

import * as React from 'react';
import { useForm, useWatch, type FieldPath, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { AlertCircleIcon, Loader2Icon, LockIcon } from 'lucide-react';
import { contactSchema, passengerSchema, tripRules, type PassengerType } from '@/lib/bookings/passenger-schema';
import type { Passengers } from '@/lib/flights/types';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';

export interface Trip {
  firstDay: string;
  lastDay: string;
  international: boolean;
  counts: Passengers;
}

interface PassengerValues {
  type: PassengerType;
  title: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  gender: string;
  document: { type: 'passport'; number: string; issuing_country: string; expires_on: string };
  infant_of: string;
}

export interface PassengerFormValues {
  passengers: PassengerValues[];
  contact: { email: string; phone: string };
}

export type BookingBody = { passengers: z.output<typeof passengerSchema>[]; contact: z.output<typeof contactSchema> };

const TYPE_LABEL: Record<PassengerType, string> = { adult: 'Adult', child: 'Child', infant: 'Infant' };
const TYPE_HINT: Record<PassengerType, string> = { adult: '12 or older', child: 'Aged 2 to 11', infant: 'Under 2, on an adult’s lap' };

/** The passengers an offer was priced for, adults first (an infant names its adult by index). */
function blankPassengers(counts: Passengers): PassengerValues[] {
  const make = (type: PassengerType, i: number): PassengerValues => ({
    type,
    title: '',
    given_name: '',
    family_name: '',
    date_of_birth: '',
    gender: '',
    document: { type: 'passport', number: '', issuing_country: '', expires_on: '' },
    infant_of: type === 'infant' ? String(i) : '',
  });
  return [
    ...Array.from({ length: counts.adults }, (_, i) => make('adult', i)),
    ...Array.from({ length: counts.children }, (_, i) => make('child', i)),
    ...Array.from({ length: counts.infants }, (_, i) => make('infant', i)),
  ];
}

/**
 * The shared server rules (passengerSchema, contactSchema, tripRules), fed the form's strings:
 * empty optional choices become absent, the lap adult becomes an index, and the passport is
 * sent only on international trips.
 */
function bookingSchema(trip: Trip) {
  const clean = (raw: unknown) => {
    const p = raw as PassengerValues;
    return {
      type: p.type,
      title: p.title || undefined,
      given_name: p.given_name,
      family_name: p.family_name,
      date_of_birth: p.date_of_birth,
      gender: p.gender || undefined,
      document: trip.international ? p.document : undefined,
      infant_of: p.type === 'infant' && p.infant_of !== '' ? Number(p.infant_of) : undefined,
    };
  };
  return z.object({
    passengers: z.array(z.preprocess(clean, passengerSchema)).superRefine(tripRules(trip)),
    contact: contactSchema,
  });
}

/** Passenger and contact details for a booking, checked with the same rules the API applies. */
export function PassengerForm({
  trip,
  defaultEmail,
  submitting,
  submitLabel,
  disabled,
  onSubmit,
  formRef,
}: {
  trip: Trip;
  defaultEmail: string;
  submitting: boolean;
  submitLabel: string;
  disabled: boolean;
  onSubmit: (body: BookingBody, setServerErrors: (errors: { field: string; message: string }[]) => string[]) => void;
  formRef?: React.Ref<HTMLFormElement>;
}) {
  const schema = React.useMemo(() => bookingSchema(trip), [trip]);
  const form = useForm<PassengerFormValues, unknown, BookingBody>({
    resolver: zodResolver(schema) as unknown as Resolver<PassengerFormValues, unknown, BookingBody>,
    defaultValues: { passengers: blankPassengers(trip.counts), contact: { email: defaultEmail, phone: '' } },
    shouldFocusError: true,
  });
  const { register, handleSubmit, formState, control, setError, setFocus } = form;
  const { errors } = formState;
  const passengers = useWatch({ control, name: 'passengers' });

  /** Puts the API's field errors (`body.passengers.0.given_name`) beside the fields; returns the ones with no field. */
  const setServerErrors = React.useCallback(
    (list: { field: string; message: string }[]) => {
      const unplaced: string[] = [];
      let first: string | null = null;
      for (const e of list) {
        const path = e.field.replace(/^body\./, '');
        const known = /^passengers\.\d+\.(title|given_name|family_name|date_of_birth|gender|infant_of|document(\.(number|issuing_country|expires_on))?)$/.test(path) || /^contact\.(email|phone)$/.test(path);
        if (known) {
          setError(path as FieldPath<PassengerFormValues>, { type: 'server', message: e.message });
          first ??= path;
        } else unplaced.push(e.message);
      }
      if (first && !first.endsWith('.document')) setFocus(first as FieldPath<PassengerFormValues>);
      return unplaced;
    },
    [setError, setFocus],
  );

  const adults = passengers.map((p, i) => ({ p, i })).filter(({ p }) => p.type === 'adult');
  const ordinal = (i: number) => passengers.slice(0, i + 1).filter((p) => p.type === passengers[i].type).length;
  const nameOf = (i: number) => {
    const p = passengers[i];
    const name = `${p.given_name} ${p.family_name}`.trim();
    return `${TYPE_LABEL[p.type]} ${ordinal(i)}${name ? ` (${name})` : ''}`;
  };
  const arrayError = (errors.passengers as { root?: { message?: string }; message?: string } | undefined)?.root?.message ?? (errors.passengers as { message?: string } | undefined)?.message;

  return (
    <form
      ref={formRef}
      noValidate
      aria-label="Passenger details"
      onSubmit={handleSubmit((body) => onSubmit(body, setServerErrors))}
      className="flex flex-col gap-4"
    >
      {passengers.map((p, i) => {
        const e = errors.passengers?.[i];
        const id = (f: string) => `p${i}-${f}`;
        const heading = `${TYPE_LABEL[p.type]} ${ordinal(i)}`;
        return (
          <Card key={i}>
            <CardHeader>
              <CardTitle as="h3" id={id('heading')}>
                {heading}
              </CardTitle>
              <CardDescription>
                {TYPE_HINT[p.type]}. Names exactly as on the {trip.international ? 'passport' : 'passport or ID card'}.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <fieldset aria-labelledby={id('heading')} className="grid grid-cols-2 gap-4">
                <Field id={id('title')} label="Title (optional)" error={e?.title?.message}>
                  <NativeSelect {...register(`passengers.${i}.title`)}>
                    <option value="">—</option>
                    <option value="mr">Mr</option>
                    <option value="ms">Ms</option>
                    <option value="mrs">Mrs</option>
                    <option value="miss">Miss</option>
                    <option value="mx">Mx</option>
                    <option value="dr">Dr</option>
                  </NativeSelect>
                </Field>
                <Field id={id('gender')} label="Gender (optional)" error={e?.gender?.message}>
                  <NativeSelect {...register(`passengers.${i}.gender`)}>
                    <option value="">—</option>
                    <option value="f">Female</option>
                    <option value="m">Male</option>
                    <option value="x">Unspecified (X)</option>
                  </NativeSelect>
                </Field>
                <Field className="col-span-2 sm:col-span-1" id={id('given')} label="Given names" error={e?.given_name?.message}>
                  <Input autoComplete={i === 0 ? 'given-name' : 'off'} {...register(`passengers.${i}.given_name`)} />
                </Field>
                <Field className="col-span-2 sm:col-span-1" id={id('family')} label="Family name" error={e?.family_name?.message}>
                  <Input autoComplete={i === 0 ? 'family-name' : 'off'} {...register(`passengers.${i}.family_name`)} />
                </Field>
                <Field className="col-span-2 sm:col-span-1" id={id('dob')} label="Date of birth" error={e?.date_of_birth?.message}>
                  <Input type="date" max={trip.firstDay} {...register(`passengers.${i}.date_of_birth`)} />
                </Field>
                {p.type === 'infant' && (
                  <Field className="col-span-2 sm:col-span-1" id={id('lap')} label="Travels on the lap of" error={e?.infant_of?.message}>
                    <NativeSelect {...register(`passengers.${i}.infant_of`)}>
                      {adults.map(({ i: ai }) => (
                        <option key={ai} value={String(ai)}>
                          {nameOf(ai)}
                        </option>
                      ))}
                    </NativeSelect>
                  </Field>
                )}
                {trip.international && (
                  <fieldset className="col-span-2 grid gap-4 rounded-lg border border-dashed p-4 sm:grid-cols-3">
                    <legend className="px-1 text-sm font-semibold">Passport</legend>
                    <Field id={id('passport')} label="Passport number" error={e?.document?.number?.message}>
                      <Input autoComplete="off" spellCheck={false} {...register(`passengers.${i}.document.number`)} />
                    </Field>
                    <Field id={id('country')} label="Issuing country" hint="2-letter code, e.g. GB" error={e?.document?.issuing_country?.message}>
                      <Input autoComplete="off" maxLength={2} className="uppercase" {...register(`passengers.${i}.document.issuing_country`)} />
                    </Field>
                    <Field id={id('expires')} label="Expiry date" error={e?.document?.expires_on?.message}>
                      <Input type="date" min={trip.lastDay} {...register(`passengers.${i}.document.expires_on`)} />
                    </Field>
                    {e?.document?.message && (
                      <p className="text-sm text-destructive sm:col-span-3" role="alert">
                        {e.document.message}
                      </p>
                    )}
                  </fieldset>
                )}
              </fieldset>
            </CardContent>
          </Card>
        );
      })}

      <Card>
        <CardHeader>
          <CardTitle as="h3">Contact details</CardTitle>
          <CardDescription>Where we send the booking confirmation and any changes to the flights.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field id="contact-email" label="Email" error={errors.contact?.email?.message}>
            <Input type="email" autoComplete="email" {...register('contact.email')} />
          </Field>
          <Field id="contact-phone" label="Phone" hint="International format, e.g. +447700900123" error={errors.contact?.phone?.message}>
            <Input type="tel" autoComplete="tel" inputMode="tel" {...register('contact.phone')} />
          </Field>
        </CardContent>
      </Card>

      {arrayError && (
        <p role="alert" className="flex items-center gap-2 text-sm text-destructive">
          <AlertCircleIcon className="size-4" aria-hidden="true" />
          {arrayError}
        </p>
      )}

      <div className="flex flex-col items-stretch gap-2 sm:flex-row sm:items-center sm:justify-end">
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground sm:mr-auto">
          <LockIcon className="size-3.5" aria-hidden="true" />
          Next, the seats are held for 15 minutes while you pay into escrow.
        </p>
        <Button type="submit" size="lg" disabled={disabled || submitting}>
          {submitting && <Loader2Icon className="animate-spin" aria-hidden="true" />}
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
