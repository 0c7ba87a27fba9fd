// Entity highlights reach the reader after its text, and change again when a mention is tagged or
// decided. They cut a passage's text into different pieces, so the <mark> or mention link that had
// focus can be replaced by a new element: focus would fall to the page body and a keyboard or screen
// reader user would lose their place. Elements that can take focus there have stable ids (hit-3,
// mention-12, p4), so focus is put back by id and the element is kept where it was on screen.

import { tick, untrack } from 'svelte';

interface KeptFocus {
  id: string;
  /** The passage around it, for when the element itself is gone (a rejected mention). */
  passageId: string | null;
  /** Its top edge in the viewport, or null when it was out of sight (the reader had scrolled away). */
  top: number | null;
}

function remember(container: HTMLElement | undefined): KeptFocus | null {
  const active = document.activeElement;
  if (!container || !(active instanceof HTMLElement) || !container.contains(active)) return null;
  // A clicked piece of a hit that a mention cut in two has no id of its own; the mention or passage around it has.
  const named = active.id ? active : active.parentElement?.closest<HTMLElement>('[id]');
  if (!named || !container.contains(named)) return null;
  const rect = named.getBoundingClientRect();
  const visible = rect.bottom > 0 && rect.top < window.innerHeight;
  return { id: named.id, passageId: named.closest<HTMLElement>('.passage[id]')?.id ?? null, top: visible ? rect.top : null };
}

function restore(container: HTMLElement | undefined, kept: KeptFocus): void {
  const active = document.activeElement;
  // Something else took focus on purpose (the next suggestion after a decision): leave it there.
  const lost = !active || active === document.body || !active.isConnected;
  const same = document.getElementById(kept.id);
  if (!lost && active !== same) return;
  const passage = kept.passageId ? document.getElementById(kept.passageId) : null;
  if (!container || !container.contains(same ?? passage)) return;
  same?.focus({ preventScroll: true });
  // Gone (a rejected mention), or not focusable (a suggestion without an entity): its passage keeps the place.
  if (document.activeElement !== same) passage?.focus({ preventScroll: true });
  if (kept.top === null || !same) return;
  // Highlights and the legend above change the layout: scroll by what moved, so the text stays put.
  const moved = same.getBoundingClientRect().top - kept.top;
  if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
}

/**
 * Keeps focus (and the focused element's place on screen) inside `container` across every change of
 * `source`. Call it during component initialisation; it runs before the change reaches the DOM.
 */
export function keepFocusAcross(container: () => HTMLElement | undefined, source: () => unknown): void {
  $effect.pre(() => {
    source();
    const kept = untrack(() => remember(container()));
    if (kept) void tick().then(() => restore(untrack(container), kept));
  });
}
