/**
 * A non-modal disclosure (a button that shows a panel beside it): Escape closes it and returns focus
 * to the button; a pointer press outside closes it and leaves focus where the press put it.
 */
export class Disclosure {
  open = $state(false);
  button: HTMLButtonElement | undefined = $state();
  container: HTMLElement | undefined = $state();

  toggle = (): void => {
    this.open = !this.open;
  };

  close = (returnFocus: boolean): void => {
    this.open = false;
    if (returnFocus) this.button?.focus();
  };

  /** For the container's keydown. */
  onkeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    }
  };

  /** For the window's pointerdown. */
  onWindowPointer = (event: PointerEvent): void => {
    if (this.open && this.container && event.target instanceof Node && !this.container.contains(event.target)) this.close(false);
  };
}
