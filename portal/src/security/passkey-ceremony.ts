import type { Passkey, PortalSignInGrant } from '@confer/ui';
import { portalClient } from '../session/portal-client';

/*
 * The WebAuthn calls, with @simplewebauthn/browser loaded only when a passkey is used or
 * added, so the link and code screens stay as small as before.
 */

const loadBrowserLibrary = () => import('@simplewebauthn/browser');

/** Whether this browser can use passkeys at all. */
export const browserHasWebAuthn = () => typeof window !== 'undefined' && 'PublicKeyCredential' in window;

/**
 * Whether this device has its own passkey authenticator (fingerprint, face, screen lock):
 * the offer after a code sign-in is made only then.
 */
export async function deviceCanHoldPasskey(): Promise<boolean> {
  if (!browserHasWebAuthn()) return false;
  try {
    return await window.PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable();
  } catch {
    return false;
  }
}

/** Adds a passkey for the signed-in contact: options from the server, the browser's prompt, the answer back. */
export async function addPasskeyOnThisDevice(): Promise<Passkey> {
  const [{ startRegistration }, { options }] = await Promise.all([
    loadBrowserLibrary(),
    portalClient.passkeyRegistrationOptions(),
  ]);
  const response = await startRegistration({ optionsJSON: options as never });
  return portalClient.addPasskey(response);
}

/** Signs in with the secure link and a passkey: no code. */
export async function signInWithPasskey(linkToken: string): Promise<PortalSignInGrant> {
  const [{ startAuthentication }, { options }] = await Promise.all([
    loadBrowserLibrary(),
    portalClient.passkeySignInOptions(linkToken),
  ]);
  const response = await startAuthentication({ optionsJSON: options as never });
  return portalClient.signInWithPasskey(linkToken, response);
}

/** The browser's prompt was cancelled, timed out or refused (not a server problem). */
export const isPromptDismissed = (error: unknown) =>
  error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
