/** True when the page is visible and has focus: someone is likely looking at it. */
export function checkDocumentAttended(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}
