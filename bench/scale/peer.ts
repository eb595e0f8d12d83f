// The peer the index is compared with: vscode-markdown-languageservice (the engine of VS Code's own markdown
// support) answering workspace symbols over the same repository, which makes it list, read, parse and outline
// every markdown file. Its workspace reads the tree the fast way (directory entries, synchronous reads), the same
// way as the floors, so the comparison is about what each does with the text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { createLanguageService, githubSlugifier, LogLevel, type IMdParser, type ITextDocument, type IWorkspace } from 'vscode-markdown-languageservice';

function markdownFiles(root: string): string[] {
  const out: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) pending.push(abs);
      else if (e.isFile() && e.name.endsWith('.md')) out.push(abs);
    }
  }
  return out;
}

class FolderWorkspace implements IWorkspace {
  private readonly docs = new Map<string, ITextDocument>();
  readonly onDidChangeMarkdownDocument = new Emitter<ITextDocument>().event;
  readonly onDidCreateMarkdownDocument = new Emitter<ITextDocument>().event;
  readonly onDidDeleteMarkdownDocument = new Emitter<URI>().event;

  constructor(private readonly root: string) {}

  get workspaceFolders(): readonly URI[] {
    return [URI.file(this.root)];
  }

  async getAllMarkdownDocuments(): Promise<Iterable<ITextDocument>> {
    for (const file of markdownFiles(this.root)) await this.openMarkdownDocument(URI.file(file));
    return this.docs.values();
  }

  hasMarkdownDocument(resource: URI): boolean {
    return this.docs.has(resource.toString());
  }

  async openMarkdownDocument(resource: URI): Promise<ITextDocument | undefined> {
    const key = resource.toString();
    let doc = this.docs.get(key);
    if (!doc) {
      try {
        doc = TextDocument.create(key, 'markdown', 1, fs.readFileSync(resource.fsPath, 'utf8'));
      } catch {
        return undefined;
      }
      this.docs.set(key, doc);
    }
    return doc;
  }

  async stat(resource: URI): Promise<{ isDirectory: boolean } | undefined> {
    const st = fs.statSync(resource.fsPath, { throwIfNoEntry: false });
    return st ? { isDirectory: st.isDirectory() } : undefined;
  }

  async readDirectory(resource: URI): Promise<Iterable<readonly [string, { isDirectory: boolean }]>> {
    return fs.readdirSync(resource.fsPath, { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }] as const);
  }
}

/** Workspace symbols of every markdown file below `root`; resolves with how many symbols the peer found. */
export async function peerWorkspaceSymbols(root: string): Promise<number> {
  const md = new MarkdownIt({ html: true });
  const parser: IMdParser = { slugifier: githubSlugifier, tokenize: async (doc) => md.parse(doc.getText(), {}) };
  const service = createLanguageService({ workspace: new FolderWorkspace(root), parser, logger: { level: LogLevel.Off, log: () => undefined } });
  const symbols = await service.getWorkspaceSymbols('', new CancellationTokenSource().token);
  service.dispose();
  return symbols.length;
}
