/**
 * "Chrome on Windows": the browser and system a User-Agent names, in words staff recognise,
 * without the version numbers that make a header identifying. Unknown parts say so.
 */
export function summarizeUserAgent(header: string | undefined): string {
  const ua = header ?? '';
  return `${browserOf(ua)} on ${systemOf(ua)}`;
}

const browsers: Array<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|HeadlessChrome|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const systems: Array<[RegExp, string]> = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const firstMatch = (ua: string, table: Array<[RegExp, string]>) => table.find(([pattern]) => pattern.test(ua))?.[1];

function browserOf(ua: string): string {
  return firstMatch(ua, browsers) ?? 'Unknown browser';
}

function systemOf(ua: string): string {
  return firstMatch(ua, systems) ?? 'unknown system';
}
