import { describe, expect, it } from 'vitest';
import { tableLabel } from '../../../src/lib/table-label';

describe('tableLabel', () => {
  it('names a table after its column headings', () => {
    const html = '<thead><tr><th>Hypervisor</th><th>Refuses to start</th><th>Warns or advises</th></tr></thead><tbody><tr><td>Proxmox VE</td><td>a</td><td>b</td></tr></tbody>';
    expect(tableLabel(html)).toBe('Table: Hypervisor, Refuses to start, Warns or advises (scrolls sideways)');
  });

  it('reads the text a heading shows: markup and entities, but not a glossary tooltip', () => {
    const html =
      '<thead><tr><th>Emulated (e1000, <code>SATA</code>)</th><th>R&amp;D &lt;x&gt; &#39;q&#39; &#x2014;</th>' +
      '<th><span class="term"><a href="/glossary/#virtio">virtio</a><span class="term-tip" role="tooltip"><strong>virtio</strong>: paravirtual devices</span></span>\n  drivers</th></tr></thead>';
    expect(tableLabel(html)).toBe("Table: Emulated (e1000, SATA), R&D <x> 'q' \u2014, virtio drivers (scrolls sideways)");
  });

  it('leaves out empty headings and body cells', () => {
    const html = '<thead><tr><th></th><th>  </th><th>VirtualBox</th></tr></thead><tbody><tr><th>Take</th><td>x</td></tr></tbody>';
    expect(tableLabel(html)).toBe('Table: VirtualBox (scrolls sideways)');
  });

  it('falls back to a plain name for a table without headings', () => {
    expect(tableLabel('<tbody><tr><td>a</td></tr></tbody>')).toBe('Table (scrolls sideways)');
    expect(tableLabel('')).toBe('Table (scrolls sideways)');
    expect(tableLabel('<thead><tr><th></th></tr></thead>')).toBe('Table (scrolls sideways)');
  });

  it('keeps unknown entities as written', () => {
    expect(tableLabel('<thead><tr><th>&bogus; &#0; &constructor;</th></tr></thead>')).toBe('Table: &bogus; &#0; &constructor; (scrolls sideways)');
  });
});
