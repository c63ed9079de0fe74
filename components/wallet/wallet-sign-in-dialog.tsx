'use client';

import * as React from 'react';
import { WalletIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { WALLET_SIGN_IN_EXPLAINER } from './explainer';
import { WalletPicker } from './wallet-picker';

/** The header's "Sign in with a wallet" button and the picker it opens (at once with `defaultOpen`: loaded by its first use). */
export function WalletSignInDialog({ defaultOpen = false }: { defaultOpen?: boolean }) {
  const [open, setOpen] = React.useState(defaultOpen);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline">
          <WalletIcon aria-hidden="true" />
          Sign in with a wallet
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Sign in with a wallet</DialogTitle>
          <DialogDescription>{WALLET_SIGN_IN_EXPLAINER}</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from a fresh flow. */}
        <WalletPicker onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
