// The client's restart policy for a crashed language server: restarts, bounded within a time window, one message
// for the restarts and one when it gives up. A fake clock, so windows are crossed without waiting.
import { describe, expect, it } from 'vitest';
import { RestartPolicy } from '../../client/src/restartPolicy';

describe('RestartPolicy', () => {
  it('restarts a crashed server and says so once', () => {
    let t = 0;
    const policy = new RestartPolicy(4, 180_000, () => t);
    const decisions = [0, 1, 2, 3].map(() => {
      t += 10_000;
      return policy.closed();
    });
    expect(decisions.map((d) => d.restart)).toEqual([true, true, true, true]);
    expect(decisions.filter((d) => d.notify)).toHaveLength(1);
    expect(decisions[0].notify).toMatch(/stopped unexpectedly and was restarted/);
    expect(decisions.every((d) => d.log.length > 0)).toBe(true);
  });

  it('gives up after maxRestarts crashes within the window, with a message', () => {
    let t = 0;
    const policy = new RestartPolicy(4, 180_000, () => t);
    for (let i = 0; i < 4; i++) {
      t += 1_000;
      expect(policy.closed().restart).toBe(true);
    }
    t += 1_000;
    const last = policy.closed();
    expect(last.restart).toBe(false);
    expect(last.notify).toMatch(/stopped 5 times in 3 minutes and will not be restarted/);
  });

  it('forgets crashes older than the window, so a server that crashes rarely is always restarted', () => {
    let t = 0;
    const policy = new RestartPolicy(2, 60_000, () => t);
    for (let i = 0; i < 10; i++) {
      t += 61_000;
      expect(policy.closed()).toMatchObject({ restart: true });
    }
  });

  it('keeps the connection through a few read or write errors, then shuts it down', () => {
    const policy = new RestartPolicy();
    expect([1, 2, 3, 4].map((n) => policy.error(n))).toEqual(['continue', 'continue', 'continue', 'shutdown']);
  });
});
