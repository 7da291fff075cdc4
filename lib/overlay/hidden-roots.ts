/**
 * Elements a scan skipped because they did not render, kept so an attribute change that shows
 * one of them (a tab opened, a `hidden` removed) gets it read. Bounded: a page with thousands of
 * hidden elements (menus, closed tabs) would otherwise make each attribute change cost that many
 * checks. Past the bound the oldest is forgotten; it is still read if it or an ancestor of it is
 * added to the page anew.
 */
import { flatParent } from './visibility';

export const MAX_HIDDEN_ROOTS = 256;

export class HiddenRoots {
  private readonly roots = new Set<Element>();

  constructor(private readonly max = MAX_HIDDEN_ROOTS) {}

  get size(): number {
    return this.roots.size;
  }

  remember(element: Element): void {
    this.roots.delete(element); // re-added as the newest
    this.roots.add(element);
    if (this.roots.size > this.max) this.roots.delete(this.roots.values().next().value!);
  }

  /**
   * The remembered elements that `changed` (elements whose attributes changed) may have shown:
   * those that changed themselves or sit under one that did. They are forgotten here; a scan that
   * still finds them hidden remembers them again. Each root walks up its own ancestors, so the
   * cost is (roots × depth), however many elements changed.
   */
  takeRevealed(changed: ReadonlySet<Element>): Element[] {
    const revealed: Element[] = [];
    if (changed.size === 0) return revealed;
    for (const root of this.roots) {
      if (!root.isConnected) {
        this.roots.delete(root);
        continue;
      }
      // Up through shadow hosts too: a panel around a component hides what its root holds.
      for (let node: Element | null = root; node; node = flatParent(node)) {
        if (!changed.has(node)) continue;
        this.roots.delete(root);
        revealed.push(root);
        break;
      }
    }
    return revealed;
  }

  clear(): void {
    this.roots.clear();
  }
}
