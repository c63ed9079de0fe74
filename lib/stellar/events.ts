import { scValToNative, xdr } from '@stellar/stellar-sdk';
import { isContractName, type ContractName } from '@/lib/stellar/contract-names';
import { toJson, type Json } from '@/lib/stellar/scval-json';
import { contractSpec } from '@/lib/stellar/specs';

// Decodes RPC `getEvents` items (as JSON-RPC sends them: base64 ScVal topics and value) into
// typed chain events. Pure. An event we cannot name — another contract, an event the spec
// does not declare, even undecodable XDR — is kept with its raw XDR rather than dropped, so
// the index stays a complete copy of what the chain said and can be re-decoded later.

/** One `getEvents` item, as JSON-RPC returns it (and as contracts/fixtures/events stores it). */
export interface RpcEvent {
  type: string;
  id: string;
  ledger: number;
  ledgerClosedAt: string;
  contractId: string;
  txHash: string;
  topic?: string[];
  value: string;
  inSuccessfulContractCall?: boolean;
  pagingToken?: string;
  operationIndex?: number;
  transactionIndex?: number;
}

export interface ChainEvent {
  /** The RPC event id: unique across the network, and ordered like the chain. */
  id: string;
  ledger: number;
  closedAt: string;
  contractId: string;
  /** Our name for the emitting contract; null when it is not one of ours. */
  contract: ContractName | null;
  /** The action symbol: the second topic of `[contract, action, …]`, or the first of OZ-shaped events. */
  action: string | null;
  /** The event's name in the contract spec (BookingPaid, …); null when no spec entry matched. */
  event: string | null;
  /** Every topic, decoded; integers wider than 32 bits as decimal strings, bytes as hex. */
  topics: Json[];
  /** The topics after the fixed name/action symbols: the event's indexed fields. */
  indexed: Json[];
  /** The payload, decoded. */
  value: Json;
  /** The spec's named params, topics and payload merged (null when no spec entry matched). */
  fields: { [name: string]: Json } | null;
  /** The escrow booking id (u64, decimal) the event names, if any. */
  bookingId: string | null;
  txHash: string;
  successful: boolean;
  raw: { topic: string[]; value: string };
}

function decode(b64: string): { ok: true; scv: xdr.ScVal; native: Json } | { ok: false } {
  try {
    const scv = xdr.ScVal.fromXDR(b64, 'base64');
    return { ok: true, scv, native: toJson(scValToNative(scv)) };
  } catch {
    return { ok: false };
  }
}

/**
 * Decodes one event. `contracts` maps configured contract ids to our names; without it the
 * name comes from the first topic (Traqora events are `[contract, action, …]`).
 */
export function parseEvent(e: RpcEvent, contracts?: ReadonlyMap<string, ContractName>): ChainEvent {
  const rawTopics = e.topic ?? [];
  const decodedTopics = rawTopics.map(decode);
  const topics = decodedTopics.map((d) => (d.ok ? d.native : null));
  const decodedValue = decode(e.value);

  const first = topics[0];
  const namedByTopic = isContractName(first) && typeof topics[1] === 'string';
  const contract = contracts?.get(e.contractId) ?? (namedByTopic ? first : null);
  // `[contract, action, …]` for our events; OZ modules emit `[action, …]` (paused, mint, transfer).
  const ownShape = namedByTopic && (contract === null || contract === first);
  const action = ownShape ? (topics[1] as string) : typeof first === 'string' ? first : null;
  const indexed = topics.slice(ownShape ? 2 : action ? 1 : 0);

  let event: string | null = null;
  let fields: { [name: string]: Json } | null = null;
  if (contract && decodedValue.ok && decodedTopics.every((d) => d.ok)) {
    try {
      const parsed = contractSpec(contract).parseEvent(
        decodedTopics.map((d) => (d as { scv: xdr.ScVal }).scv), decodedValue.scv);
      if (parsed) {
        event = parsed.name;
        fields = toJson(parsed.data) as { [name: string]: Json };
      }
    } catch {
      // A payload that does not fit the declared shape stays unnamed but stored.
    }
  }

  const bookingId = fields && typeof fields.booking_id === 'string' && /^[0-9]{1,20}$/.test(fields.booking_id) ? fields.booking_id : null;

  return {
    id: e.id,
    ledger: e.ledger,
    closedAt: e.ledgerClosedAt,
    contractId: e.contractId,
    contract,
    action,
    event,
    topics,
    indexed,
    value: decodedValue.ok ? decodedValue.native : null,
    fields,
    bookingId,
    txHash: e.txHash,
    successful: e.inSuccessfulContractCall ?? true,
    raw: { topic: rawTopics, value: e.value },
  };
}
