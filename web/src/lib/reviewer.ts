// Until Trove has accounts, the review API takes the acting person's name with every decision. It is
// asked for once and kept in this browser; storage may be unavailable (private modes), so failures
// only mean asking again.

const KEY = 'trove.reviewer';

export function loadReviewer(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveReviewer(name: string): void {
  try {
    if (name.trim()) window.localStorage.setItem(KEY, name.trim());
    else window.localStorage.removeItem(KEY);
  } catch {
    // Not remembered; the name still works for this page.
  }
}
