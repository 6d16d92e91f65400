import { isAxiosError, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

const CSRF_HEADER = 'x-csrf-token';
const WRITES = new Set(['post', 'put', 'patch', 'merge', 'delete']);

interface CsrfSession {
  readonly token: string;
  /** SAP binds the token to the session cookies of the fetch; they go along with every write. */
  readonly cookie?: string;
}

interface CsrfRequestConfig extends InternalAxiosRequestConfig {
  csrfSession?: Promise<CsrfSession>;
  csrfRetried?: boolean;
}

/**
 * SAP's CSRF protocol for OData writes: before the first write, a GET with
 * `x-csrf-token: Fetch` returns a token (and session cookies), cached and sent with
 * every write. A 403 with `x-csrf-token: Required` means it expired: fetch a new one once
 * and retry the write once. Concurrent writes share one fetch.
 */
export class SapCsrfInterceptor {
  private session?: Promise<CsrfSession>;

  constructor(
    private readonly http: AxiosInstance,
    /** A cheap GET the token is fetched with. */
    private readonly fetchPath: string,
  ) {}

  install(): void {
    this.http.interceptors.request.use((config) => this.attach(config));
    this.http.interceptors.response.use(undefined, (error: unknown) => this.retryOnce(error));
  }

  private async attach(config: CsrfRequestConfig): Promise<InternalAxiosRequestConfig> {
    if (!WRITES.has(config.method?.toLowerCase() ?? 'get')) return config;
    config.csrfSession = this.session ??= this.fetchSession();
    const { token, cookie } = await config.csrfSession;
    config.headers.set(CSRF_HEADER, token);
    if (cookie) config.headers.set('cookie', cookie);
    return config;
  }

  private async retryOnce(error: unknown): Promise<AxiosResponse> {
    const config = isAxiosError(error) ? (error.config as CsrfRequestConfig | undefined) : undefined;
    if (!config || config.csrfRetried || !isCsrfRequired(error)) throw error;
    // Only the first of several writes failing on the same stale token drops it.
    if (this.session === config.csrfSession) this.session = undefined;
    return this.http.request({ ...config, csrfRetried: true } as CsrfRequestConfig);
  }

  private async fetchSession(): Promise<CsrfSession> {
    try {
      const response = await this.http.get(this.fetchPath, { headers: { [CSRF_HEADER]: 'Fetch' } });
      const token = response.headers[CSRF_HEADER] as string | undefined;
      if (!token) throw new Error(`The ERP answered the CSRF fetch without an ${CSRF_HEADER} header`);
      const cookies = response.headers['set-cookie'];
      return { token, cookie: cookies?.map((cookie) => cookie.split(';')[0]).join('; ') || undefined };
    } catch (error) {
      this.session = undefined;
      throw error;
    }
  }
}

function isCsrfRequired(error: unknown): boolean {
  const response = isAxiosError(error) ? error.response : undefined;
  return response?.status === 403 && String(response.headers[CSRF_HEADER] ?? '').toLowerCase() === 'required';
}
