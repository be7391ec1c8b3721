const STORAGE_KEY = 'confer.staffToken';

export function readStaffToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeStaffToken(token: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage can be unavailable (privacy modes); the user will simply be asked to sign in again.
  }
}

export function clearStaffToken(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // ignore
  }
}

/**
 * Moves a `#token=<JWT>` fragment into session storage and strips it from the address bar,
 * so the token never lingers in history or gets copied with the URL.
 */
export function takeStaffTokenFromHash(): void {
  const hash = window.location.hash;
  if (!hash.startsWith('#') || !hash.includes('token=')) return;
  const token = new URLSearchParams(hash.slice(1)).get('token');
  if (token) storeStaffToken(token);
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}
