import type { Consumer } from './types';

const NAME = /^[a-z][a-z0-9_-]{0,62}$/;
const TYPE = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;

/** Declares a consumer of domain events, checking what the database would refuse later. */
export function defineConsumer(consumer: Consumer): Consumer {
  if (!NAME.test(consumer.name)) throw new Error(`consumer name must be lower-case letters, digits, - or _: ${consumer.name}`);
  for (const type of consumer.types ?? []) {
    if (!TYPE.test(type)) throw new Error(`consumer ${consumer.name}: event type must look like booking.paid: ${type}`);
  }
  if (consumer.maxAttempts !== undefined && !(Number.isInteger(consumer.maxAttempts) && consumer.maxAttempts >= 1 && consumer.maxAttempts <= 100)) {
    throw new Error(`consumer ${consumer.name}: maxAttempts must be an integer from 1 to 100`);
  }
  return Object.freeze({ ...consumer });
}
