import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, NetworkError, isProblem } from './problem';

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  baseUrl: string;
  /** The bearer token of the signed-in user, or null when anonymous. */
  getToken: () => string | null;
  /** The UI language, sent as Accept-Language so the API can localise its messages. */
  getLanguage: () => string;
  /** Called when an authenticated request answers 401 (token expired or revoked). */
  onUnauthorized?: () => void;
  fetch?: typeof globalThis.fetch;
}

/** The one fetch client of the app: typed by the schema generated from openapi.yaml. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const middleware: Middleware = {
    onRequest({ request }) {
      const token = options.getToken();
      if (token && !request.headers.has('Authorization')) {
        request.headers.set('Authorization', `Bearer ${token}`);
      }
      request.headers.set('Accept-Language', options.getLanguage());
      return request;
    },
    onResponse({ request, response }) {
      if (response.status === 401 && request.headers.has('Authorization')) {
        options.onUnauthorized?.();
      }
      return response;
    },
  };
  client.use(middleware);
  return client;
}

export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export interface WithEtag<T> {
  data: T;
  etag: string | null;
}

/** Turns an openapi-fetch result into its data (and ETag) or an ApiError carrying the problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<WithEtag<T>> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    throw new NetworkError(cause);
  }
  const { response } = result;
  if (!response.ok) {
    const problem = isProblem(result.error) ? result.error : null;
    throw new ApiError(response.status, problem, typeof result.error === 'string' ? result.error : response.statusText);
  }
  return { data: result.data as T, etag: response.headers.get('ETag') };
}

/** Like unwrap, without the ETag. */
export async function unwrapData<T>(call: Promise<FetchResult<T>>): Promise<T> {
  return (await unwrap(call)).data;
}
