import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { ReactNode } from 'react';
import { ApiError, NetworkError } from '../api/problem';
import { createI18n } from '../i18n';
import { useErrorText } from './ApiErrorMessage';

const i18n = createI18n('fi');
const wrapper = ({ children }: { children: ReactNode }) => <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
const status = (code: number) => new ApiError(code, { status: code, title: 'x' });

describe('useErrorText', () => {
  it('names the known statuses, a server failure and anything else in the user’s language', () => {
    const { result } = renderHook(() => useErrorText(), { wrapper });
    const text = result.current;
    expect(text(status(404))).toBe(i18n.t('errors.notFound'));
    expect(text(status(412))).toBe(i18n.t('errors.preconditionFailed'));
    expect(text(status(503))).toBe(i18n.t('errors.server'));
    expect(text(status(418))).toBe(i18n.t('errors.unexpected'));
    expect(text(new NetworkError(new Error('offline')))).toBe(i18n.t('errors.network'));
    expect(text(new Error('?'))).toBe(i18n.t('errors.unexpected'));
    expect(new Set([404, 412, 503, 418].map((c) => text(status(c)))).size).toBe(4);
  });
});
