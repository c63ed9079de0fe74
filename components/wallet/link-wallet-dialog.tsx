'use client';

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { WalletPicker } from './lazy-wallet-picker';

/**
 * "Link a wallet" from the account menu. Controlled from outside because it is opened by a menu
 * item: a dialog nested inside the menu would unmount when the menu closes.
 */
export function LinkWalletDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Link a wallet</DialogTitle>
          <DialogDescription>
            Prove another Stellar account is yours by signing a one-time challenge; you can then sign in and pay with it. Nothing
            is paid and nothing is sent to the network.
          </DialogDescription>
        </DialogHeader>
        <WalletPicker kind="link" onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}
