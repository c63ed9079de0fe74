import { contractCalls } from './calls';
import { address, u32, u64 } from './values';

// Booking receipts (contracts/receipts): a non-transferable NFT per paid escrow booking, minted
// by the escrow and marked flown or voided when it settles. The app only reads them.

const token = (id: number) => u32('token id', id);

const receiptsArgs = {
  get_receipt: (tokenId: number) => ({ token_id: token(tokenId) }),
  receipt_of_booking: (bookingId: bigint) => ({ booking_id: u64('booking id', bookingId) }),
  get_passenger_receipts: (passenger: string, start: number, limit: number) => ({ passenger: address('passenger', passenger), start: u32('start', start), limit: u32('limit', limit) }),
  verify_receipt: (passenger: string, tokenId: number) => ({ passenger: address('passenger', passenger), token_id: token(tokenId) }),
  owner_of: (tokenId: number) => ({ token_id: token(tokenId) }),
  balance: (account: string) => ({ account: address('account', account) }),
  token_uri: (tokenId: number) => ({ token_id: token(tokenId) }),
  total_receipts: () => ({}),
};

export interface ReceiptsResults {
  get_receipt: Record<string, unknown>;
  receipt_of_booking: number | null;
  get_passenger_receipts: Record<string, unknown>[];
  verify_receipt: boolean;
  owner_of: string;
  balance: number;
  token_uri: string;
  total_receipts: number;
}

export const receipts = contractCalls<typeof receiptsArgs, ReceiptsResults>('receipts', receiptsArgs);
