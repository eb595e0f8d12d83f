// Messages sent with `initialized`, to the spawned `node server/out/main.js --stdio` (see earlyMessages.ts).
import { describe } from 'vitest';
import { earlyMessages } from './earlyMessages';

describe('before the first index, spawned', () => earlyMessages('spawned'));
