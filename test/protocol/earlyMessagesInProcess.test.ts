// Messages sent with `initialized`, to the server in this process (see earlyMessages.ts).
import { describe } from 'vitest';
import { earlyMessages } from './earlyMessages';

describe('before the first index, in process', () => earlyMessages('in-process'));
