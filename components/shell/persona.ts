import { PERSONAS, type Viewer } from '@/lib/auth/types';

export type Persona = (typeof PERSONAS)[number];

/** The dev persona the viewer is signed in as, if any (personas are created and found by name). */
export function currentPersona(viewer: Viewer | null): Persona | undefined {
  if (viewer?.source !== 'dev') return undefined;
  return PERSONAS.find((p) => p.name === viewer.name);
}
