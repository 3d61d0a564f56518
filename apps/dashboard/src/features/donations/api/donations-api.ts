import type { paths } from '@minka/contracts';
import { api, publicClient } from '@app/api-client';
import { formatSolesMinor } from '@app/format';
import { ApiError, asProblem } from '@app/problem';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type OkOf<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never;

export type Campaign = OkOf<'/api/v1/donations/campaigns/{id}', 'get'>;
export type CampaignPage = OkOf<'/api/v1/donations/campaigns', 'get'>;
export type Progress = Campaign['progress'];
export type Donation = OkOf<'/api/v1/donations', 'post'>;
export type DonationPage = OkOf<'/api/v1/donations', 'get'>;
export type Donor = OkOf<'/api/v1/donations/donors', 'post'>;
export type DonorPage = OkOf<'/api/v1/donations/donors', 'get'>;
export type PublicCampaign = OkOf<'/api/v1/public/campaigns/{slug}', 'get'>;
export type NewDonation = NonNullable<paths['/api/v1/donations']['post']['requestBody']>['content']['application/json'];
export type NewDonor = NonNullable<paths['/api/v1/donations/donors']['post']['requestBody']>['content']['application/json'];

export const donationKeys = {
  all: ['donations'] as const,
  campaigns: ['donations', 'campaigns'] as const,
  campaign: (id: string) => ['donations', 'campaign', id] as const,
  list: (campaignId: string, page: number) => ['donations', 'list', campaignId, page] as const,
  donors: (q: string) => ['donations', 'donors', q] as const,
  mine: ['donations', 'mine'] as const,
  publicCampaign: (slug: string) => ['public-campaign', slug] as const,
};

function fail(response: Response, error: unknown): never {
  throw new ApiError(response.status, asProblem(error));
}

export async function fetchCampaigns(): Promise<CampaignPage> {
  const { data, error, response } = await api.GET('/api/v1/donations/campaigns', { params: { query: { pageSize: 100 } } });
  return data ?? fail(response, error);
}

export async function fetchCampaign(id: string): Promise<Campaign> {
  const { data, error, response } = await api.GET('/api/v1/donations/campaigns/{id}', { params: { path: { id } } });
  return data ?? fail(response, error);
}

export async function fetchDonations(campaignId: string, page: number): Promise<DonationPage> {
  const { data, error, response } = await api.GET('/api/v1/donations', { params: { query: { campaignId, page, pageSize: 20 } } });
  return data ?? fail(response, error);
}

export async function fetchMine(): Promise<DonationPage> {
  const { data, error, response } = await api.GET('/api/v1/donations/mine', { params: { query: { pageSize: 100 } } });
  return data ?? fail(response, error);
}

export async function fetchDonors(q: string): Promise<DonorPage> {
  const { data, error, response } = await api.GET('/api/v1/donations/donors', { params: { query: { q: q || undefined, pageSize: 50 } } });
  return data ?? fail(response, error);
}

export async function createDonor(body: NewDonor, idempotencyKey: string): Promise<Donor> {
  const { data, error, response } = await api.POST('/api/v1/donations/donors', {
    body,
    params: { header: { 'Idempotency-Key': idempotencyKey } },
  });
  return data ?? fail(response, error);
}

/** The key comes from the form: generated once per donation being entered, so a retried submit never records twice. */
export async function recordDonation(body: NewDonation, idempotencyKey: string): Promise<Donation> {
  const { data, error, response } = await api.POST('/api/v1/donations', {
    body,
    params: { header: { 'Idempotency-Key': idempotencyKey } },
  });
  return data ?? fail(response, error);
}

export async function fetchPublicCampaign(slug: string): Promise<PublicCampaign> {
  const { data, error, response } = await publicClient.GET('/api/v1/public/campaigns/{slug}', { params: { path: { slug } } });
  return data ?? fail(response, error);
}

/** Receipt PDFs need the bearer token, so they are fetched and opened as a blob. */
export async function openReceipt(id: string): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/donations/{id}/receipt', { params: { path: { id } }, parseAs: 'blob' });
  if (!data) fail(response, error);
  const url = URL.createObjectURL(data);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Minor units → money text in the UI language. Soles (PEN) use the dashboard's one format
 * (`S/ 1 234 567,89` es-PE/qu, `S/ 1,234,567.89` en, app/format.ts); other currencies keep Intl's
 * grouping, exactly (no float on the whole part).
 */
export function formatMoney(minor: string, currency: string, language: string): string {
  if (currency === 'PEN') return formatSolesMinor(Number(minor), language);
  const negative = minor.startsWith('-');
  const digits = negative ? minor.slice(1) : minor;
  const whole = BigInt(digits.length > 2 ? digits.slice(0, -2) : '0');
  const cents = digits.padStart(3, '0').slice(-2);
  const locale = language.startsWith('en') ? 'en-US' : 'es-PE';
  const wholeText = new Intl.NumberFormat(locale).format(whole);
  const decimal = locale === 'en-US' ? '.' : new Intl.NumberFormat(locale).format(1.5).charAt(1);
  const symbol = currency === 'PEN' ? 'S/' : currency === 'USD' ? 'US$' : currency === 'EUR' ? '€' : currency;
  return `${negative ? '−' : ''}${symbol} ${wholeText}${decimal}${cents}`;
}

/** "150.50" → "15050" (what the API takes); null when not a valid amount with at most two decimals. */
export function toMinor(text: string): string | null {
  const clean = text.trim().replace(/,/g, '');
  if (!/^\d{1,15}(?:\.\d{1,2})?$/.test(clean)) return null;
  const [whole = '0', frac = ''] = clean.split('.');
  const minor = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  return minor > 0n ? minor.toString() : null;
}
