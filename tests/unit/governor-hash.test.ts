import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scValToNative, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { descriptionHash, proposalIdOf } from '@/lib/stellar/contracts/governor-hash';

// The app must hash a proposal's description and derive its id exactly as the governor contract
// does, or queue/execute/cancel name another proposal. The reference is the contract itself: the
// proposal_created event its own test run emitted (contracts/fixtures/events/governor.json, written
// by contracts/exports from a native build), whose topic carries the id it computed.

interface RpcEvent { topic: string[]; value: string; function: string }
const events = JSON.parse(readFileSync(path.join(process.cwd(), 'contracts/fixtures/events/governor.json'), 'utf8')) as RpcEvent[];
const scv = (b64: string) => xdr.ScVal.fromXDR(b64, 'base64');

function createdProposal() {
  const event = events.find((e) => scValToNative(scv(e.topic[0])) === 'proposal_created');
  if (!event) throw new Error('the governor fixtures hold no proposal_created event');
  const value = scv(event.value);
  if (value.type !== 'scvMap' || !value.map) throw new Error('proposal_created carries a map');
  // args stay ScVals (each call's arguments are any contract values); the rest read as native
  const raw = new Map(value.map.map((e) => [String(scValToNative(e.key)), e.val]));
  const fields = scValToNative(value) as { description: string; targets: string[]; functions: string[] };
  const args = raw.get('args');
  if (!args || args.type !== 'scvVec' || !args.vec) throw new Error('args is a vec');
  return {
    id: Buffer.from(scValToNative(scv(event.topic[1])) as Uint8Array),
    description: fields.description,
    calls: {
      targets: fields.targets,
      functions: fields.functions,
      args: args.vec.map((a) => { if (a.type !== 'scvVec' || !a.vec) throw new Error('each call\'s args is a vec'); return a.vec; }),
    },
  };
}

describe('governor description hash and proposal id', () => {
  it('hashes the description with keccak256 of its UTF-8 bytes (not SHA3-256, not SHA-256)', () => {
    expect(descriptionHash('').toString('hex')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(descriptionHash('abc').toString('hex')).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    expect(descriptionHash('Frais à 3 %')).toHaveLength(32);
    expect(descriptionHash('Frais à 3 %').equals(descriptionHash('Frais a 3 %'))).toBe(false);
  });

  it('derives the id the contract emitted for its own proposal', () => {
    const p = createdProposal();
    expect(p.calls.targets.length).toBeGreaterThan(0);
    expect(proposalIdOf(p.calls, p.description).toString('hex')).toBe(p.id.toString('hex'));
  });

  it('gives another id for another description or another call', () => {
    const p = createdProposal();
    const id = proposalIdOf(p.calls, p.description).toString('hex');
    expect(proposalIdOf(p.calls, `${p.description}.`).toString('hex')).not.toBe(id);
    expect(proposalIdOf({ ...p.calls, functions: p.calls.functions.map(() => 'other') }, p.description).toString('hex')).not.toBe(id);
  });
});
