import { describe, expect, it } from 'vitest';
import { createQueryClient, statsKey } from './services';

describe('the query client', () => {
  it('makes the dashboard figures stale after any successful write', async () => {
    const client = createQueryClient();
    client.setQueryData(statsKey, { members: { total: 3 } });
    client.setQueryData(['members', 'list', {}], { items: [] });
    await client.getMutationCache().build(client, { mutationFn: () => Promise.resolve('saved') }).execute(undefined);
    expect(client.getQueryState(statsKey)?.isInvalidated).toBe(true);
    // Only the figures: other lists are the mutation's own business.
    expect(client.getQueryState(['members', 'list', {}])?.isInvalidated).toBe(false);
  });

  it('leaves the figures alone when a write fails', async () => {
    const client = createQueryClient();
    client.setQueryData(statsKey, { members: { total: 3 } });
    await expect(
      client.getMutationCache().build(client, { mutationFn: () => Promise.reject(new Error('400')) }).execute(undefined),
    ).rejects.toThrow('400');
    expect(client.getQueryState(statsKey)?.isInvalidated).toBe(false);
  });
});
