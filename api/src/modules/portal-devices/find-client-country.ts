import { BlockList, isIP } from 'node:net';
import { createRequire } from 'node:module';

type TGeoIpCountry = { lookup(ip: string): { country?: string } | null };

/**
 * Addresses that name no country: loopback, private, link-local, shared (CGNAT), unique-local
 * and the documentation ranges. A sign-in from one of them has no country (and so never
 * raises a "new country" notice).
 */
const unlocated = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
] as const) {
  unlocated.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['2001:db8::', 32],
] as const) {
  unlocated.addSubnet(net, prefix, 'ipv6');
}

let geoip: TGeoIpCountry | undefined;

/**
 * The country database shipped inside the `geoip-country` package (MaxMind GeoLite2 Country,
 * read from the package's own data files; nothing is downloaded), loaded on first use.
 */
function countryDatabase(): TGeoIpCountry {
  geoip ??= createRequire(import.meta.url)('geoip-country') as TGeoIpCountry;
  return geoip;
}

const alpha2 = /^[A-Z]{2}$/;
/** Codes CDNs use for "unknown" and Tor rather than a country. */
const notCountries = new Set(['XX', 'ZZ', 'T1', 'EU', 'AP']);

export function isCountryCode(value: string | undefined | null): value is string {
  return typeof value === 'string' && alpha2.test(value) && !notCountries.has(value);
}

/**
 * The client's country (ISO 3166 alpha-2) with no outside service: the ingress's or CDN's
 * header when the deployment names one (CLIENT_COUNTRY_HEADER), otherwise the address —
 * `req.ip`, which honours TRUST_PROXY — looked up in the shipped database. Undefined for
 * loopback, private and documentation addresses and for anything the database does not know.
 */
export function findClientCountry(input: { ip: string | undefined; headerValue?: string }): string | undefined {
  const fromHeader = input.headerValue?.trim().toUpperCase();
  if (isCountryCode(fromHeader)) return fromHeader;
  const ip = input.ip?.startsWith('::ffff:') ? input.ip.slice(7) : input.ip;
  const family = ip ? isIP(ip) : 0;
  if (!ip || family === 0) return undefined;
  if (unlocated.check(ip, family === 4 ? 'ipv4' : 'ipv6')) return undefined;
  const country = countryDatabase().lookup(ip)?.country;
  return isCountryCode(country) ? country : undefined;
}
