/**
 * localStorage keys of the stores read at start, for the stores and for their checks
 * (start-schemas.ts), which must not import the stores: importing one creates it, and it reads
 * its data at once.
 */
export const STORE_KEYS = {
  profiles: 'switchyard.profiles',
  prefs: 'switchyard.prefs',
  publish: 'switchyard.publish',
  decoders: 'switchyard.decoders',
  protobuf: 'switchyard.protobuf',
} as const;
