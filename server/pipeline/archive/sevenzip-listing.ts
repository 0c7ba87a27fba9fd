// 7-Zip's technical listing (`7z l -slt -ba`): one block of 'Key = Value' lines per entry.

export interface SevenZipEntry {
  path: string;
  size: number;
  directory: boolean;
  link: boolean;
  encrypted: boolean;
}

export function parseListing(text: string): SevenZipEntry[] {
  const entries: SevenZipEntry[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const at = line.indexOf(' = ');
      if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 3));
    }
    const path = fields.get('Path');
    if (path === undefined) continue;
    const attributes = fields.get('Attributes') ?? '';
    entries.push({
      path,
      size: Number(fields.get('Size') ?? 0) || 0,
      directory: fields.get('Folder') === '+' || attributes.startsWith('D'),
      // The Unix mode 7-Zip keeps beside the Windows attributes, as `ls -l` would show it.
      link: /(^|\s)l[r-][w-]/.test(attributes),
      encrypted: fields.get('Encrypted') === '+',
    });
  }
  return entries;
}
