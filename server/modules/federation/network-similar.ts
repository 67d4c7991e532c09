/**
 * On a national instance that publishes to the Network: how other States acted on recommendations
 * like one of its own, asked of the hub (its `GET /api/v1/network/similar`,
 * docs/decisions/0021-similar-across-states.md) with a short timeout. The hub down, slow, or
 * answering anything but the contract: the answer is `available: false`, never an error; the
 * public recommendation page loads it after the page and shows nothing then.
 */
import { similarAnswerSchema, type SimilarItem } from '../../../shared/network/similar';
import type { Locale } from '../../platform/http/locale';

export const HUB_TIMEOUT_MS = 2_000;
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface NetworkSimilar { available: boolean; items: SimilarItem[] }

/** The hub's answer for the State's recommendation `id`, or unavailable. */
export async function askHubForSimilar(
  hubUrl: string, state: string, id: number, locale: Locale, deps: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<NetworkSimilar> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? HUB_TIMEOUT_MS);
  try {
    const url = `${hubUrl.replace(/\/+$/, '')}/api/v1/network/similar?state=${encodeURIComponent(state)}&id=${id}&limit=5&locale=${locale}`;
    const response = await (deps.fetch ?? fetch)(url, { signal: controller.signal, redirect: 'error', headers: { accept: 'application/json' } });
    // Not harvested yet: nothing to show, the hub is there.
    if (response.status === 404) return { available: true, items: [] };
    if (response.status !== 200) return { available: false, items: [] };
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES) return { available: false, items: [] };
    const parsed = similarAnswerSchema.safeParse(JSON.parse(text));
    return parsed.success ? { available: true, items: parsed.data.items } : { available: false, items: [] };
  } catch {
    return { available: false, items: [] };
  } finally {
    clearTimeout(timer);
  }
}
