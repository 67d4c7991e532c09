/**
 * Who is signed in, shared by the header and the account pages through the
 * query cache. The session cookie is HttpOnly, so a small hint in
 * localStorage tells whether asking the server is worth it: visitors who
 * never signed in here make no request at all.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { getMe, type SessionUser } from './auth';
import { keys } from './query-keys';

export const ME_KEY = keys.auth.me;
const HINT = 'open-nmirf:signed-in';

function readHint(): boolean {
  try {
    return window.localStorage.getItem(HINT) === '1';
  } catch {
    return false;
  }
}

function writeHint(signedIn: boolean) {
  try {
    if (signedIn) window.localStorage.setItem(HINT, '1');
    else window.localStorage.removeItem(HINT);
  } catch {
    // storage unavailable: the header simply shows "Sign in"
  }
}

async function fetchMe(): Promise<SessionUser | null> {
  const me = await getMe();
  writeHint(me !== null);
  return me;
}

/** The signed-in person. `always` asks the server even without the hint (the account page). */
export function useSession(always = false) {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    enabled: always || readHint(),
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * After signing in or out: the person, and every other answer marked stale (records say what
 * their reader may do to them, so they are asked again, for the new reader, when next shown).
 */
export function setSession(queryClient: QueryClient, me: SessionUser | null) {
  writeHint(me !== null);
  queryClient.setQueryData(ME_KEY, me);
  void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0], refetchType: 'none' });
}

export function cachedSession(queryClient: QueryClient): SessionUser | null | undefined {
  return queryClient.getQueryData<SessionUser | null>(ME_KEY);
}

export { fetchMe };
