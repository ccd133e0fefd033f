import { describe, expect, it } from 'vitest';
import { webhookFormBody } from './WebhookForm';

describe('webhook form', () => {
  const values = { url: ' https://asianhallinta.example.fi/communityhub ', types: ['events'], municipalityCode: '', description: '' };

  it('sends only what was filled in, and no status on create', () => {
    expect(webhookFormBody(values, null)).toStrictEqual({ url: 'https://asianhallinta.example.fi/communityhub', types: ['events'] });
  });

  it('sends the municipality, description and status when given', () => {
    expect(webhookFormBody({ ...values, municipalityCode: '564', description: 'Oulun asianhallinta' }, 'paused')).toStrictEqual({
      url: 'https://asianhallinta.example.fi/communityhub',
      types: ['events'],
      municipalityCode: '564',
      description: 'Oulun asianhallinta',
      status: 'paused',
    });
  });
});
