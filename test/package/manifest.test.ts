// package.json against the code it describes: settings and their defaults against the server's single source
// (flattenSettings), commands against the ids the client registers, views, menus and contributed files.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../server/src/core/problems';
import { DEFAULT_SETTINGS, flattenSettings } from '../../server/src/core/settings';
import { CONFIG_FILE_SCHEMA } from '../../server/src/core/schemas/config';
import { schemaAt } from '../../server/src/core/schemas/jsonSchema';
import { Commands } from '../../server/src/protocol';
import { CLIENT_COMMANDS, SERVER_COMMANDS, WRITING_COMMANDS } from '../../client/src/commandIds';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; scope?: string; markdownDescription?: string; description?: string; type?: string; enum?: string[] }> =
  pkg.contributes.configuration.properties;

describe('settings', () => {
  const server = flattenSettings(DEFAULT_SETTINGS);
  const editorOnly = ['trace.server'];

  it('declares every server setting with the server default', () => {
    for (const [key, value] of Object.entries(server)) {
      expect(properties[`archlens.${key}`], `archlens.${key} is missing from package.json`).toBeDefined();
      expect(properties[`archlens.${key}`].default, `default of archlens.${key}`).toEqual(value);
    }
  });

  it('declares no setting the server does not know', () => {
    const declared = Object.keys(properties).map((k) => k.replace(/^archlens\./, ''));
    expect(declared.filter((k) => !(k in server) && !editorOnly.includes(k))).toEqual([]);
  });

  it('gives each setting a description, a type and a scope; per-folder settings are resource-scoped', () => {
    for (const [key, p] of Object.entries(properties)) {
      expect(p.markdownDescription ?? p.description, key).toBeTruthy();
      expect(p.type, key).toBeTruthy();
      expect(p.scope, key).toBe(key === 'archlens.trace.server' ? 'window' : 'resource');
    }
  });

  it('declares each setting with the type, values and minimum that .archlens.yml is validated against', () => {
    for (const key of Object.keys(server)) {
      const declared = properties[`archlens.${key}`] as Record<string, unknown>;
      const file = schemaAt(CONFIG_FILE_SCHEMA, key.split('.'))!;
      expect(file, key).toBeDefined();
      // A list of globs may also be one glob in the file; the editor's settings UI edits lists.
      const fileType = file.anyOf ? file.anyOf.find((b) => b.type === 'array')?.type : file.type;
      expect(declared.type, key).toBe(fileType);
      expect(declared.minimum, key).toEqual(file.minimum);
      if (file.type === 'object') {
        const codes = Object.entries((declared.properties ?? {}) as Record<string, { enum?: string[] }>);
        expect(codes.map(([c]) => c).sort(), key).toEqual(Object.keys(file.properties ?? {}).sort());
        for (const [code, p] of codes) expect(p.enum, `${key}.${code}`).toEqual(file.properties![code].enum);
      } else expect(declared.enum, key).toEqual(file.enum);
    }
  });

  it('offers protocol tracing with the values the language client reads', () => {
    expect(properties['archlens.trace.server']).toMatchObject({ enum: ['off', 'messages', 'verbose'], default: 'off' });
  });

  it('lists every problem code under the severity setting', () => {
    const severity = pkg.contributes.configuration.properties['archlens.severity'];
    expect(Object.keys(severity.properties).sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
  });
});

describe('commands', () => {
  const declared: { command: string; title: string; category: string }[] = pkg.contributes.commands;

  it('declares exactly the commands the client and the server register', () => {
    expect(declared.map((c) => c.command).sort()).toEqual([...CLIENT_COMMANDS, ...SERVER_COMMANDS].sort());
    expect(SERVER_COMMANDS).toEqual([Commands.markReviewed, Commands.refreshSources]);
  });

  it('puts every command in the Archlens category', () => {
    for (const c of declared) expect(c.category, c.command).toBe('Archlens');
  });

  it('hides file-writing commands in an untrusted workspace', () => {
    const palette: { command: string; when?: string }[] = pkg.contributes.menus.commandPalette;
    for (const id of WRITING_COMMANDS) expect(palette.find((m) => m.command === id)?.when ?? '', id).toContain('isWorkspaceTrusted');
    for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string; when?: string }[]>)) {
      for (const item of items) if ((WRITING_COMMANDS as readonly string[]).includes(item.command)) expect(item.when ?? '', `${menu} ${item.command}`).toContain('isWorkspaceTrusted');
    }
  });

  it('writes welcome content as sentences, without markdown a welcome view shows literally', () => {
    for (const w of pkg.contributes.viewsWelcome as { contents: string }[]) {
      const text = w.contents.replace(/\[[^\]]*\]\(command:[\w.]+\)/g, '').trim();
      expect(text, w.contents).not.toMatch(/[`*]|\]\(/);
      expect(text, w.contents).toMatch(/[.…]$/);
    }
  });

  it('refers only to declared commands in menus and welcome content', () => {
    const ids = new Set(declared.map((c) => c.command));
    for (const items of Object.values(pkg.contributes.menus as Record<string, { command: string }[]>)) for (const item of items) expect(ids.has(item.command), item.command).toBe(true);
    for (const w of pkg.contributes.viewsWelcome as { contents: string }[]) {
      for (const m of w.contents.matchAll(/\(command:([\w.]+)\)/g)) expect(ids.has(m[1]) || ['vscode.openFolder', 'workbench.trust.manage'].includes(m[1]), m[1]).toBe(true);
    }
  });
});

describe('views, activation and files', () => {
  it('activates on startup finished only, from the bundled entry point', () => {
    expect(pkg.activationEvents).toEqual(['onStartupFinished']);
    expect(pkg.main).toBe('./client/out/extension.js');
  });

  it('has the Decisions container with its four views and a New decision welcome button', () => {
    expect(pkg.contributes.viewsContainers.activitybar).toEqual([{ id: 'archlens', title: 'Decisions', icon: 'media/decisions.svg' }]);
    expect(pkg.contributes.views.archlens.map((v: { name: string }) => v.name)).toEqual(['Decisions', 'For this file', 'Architecture views', 'Glossary']);
    const welcome = (pkg.contributes.viewsWelcome as { view: string; contents: string; when?: string }[]).find((w) => w.contents.includes('[New decision](command:archlens.newDecision)'));
    expect(welcome?.view).toBe('archlens.decisions');
    expect(welcome?.when).toContain('isWorkspaceTrusted');
  });

  it('declares limited support for untrusted workspaces', () => {
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.capabilities.untrustedWorkspaces.description).toMatch(/git/);
  });

  it('points at files that exist and parse', () => {
    const files = [pkg.icon, ...pkg.contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon), ...pkg.contributes.snippets.map((s: { path: string }) => s.path), ...pkg.contributes.grammars.map((g: { path: string }) => g.path)];
    for (const f of files) {
      expect(existsSync(path.join(root, f)), f).toBe(true);
      if (f.endsWith('.json')) expect(() => JSON.parse(readFileSync(path.join(root, f), 'utf8')), f).not.toThrow();
    }
    expect(pkg.icon.endsWith('.png')).toBe(true);
  });

  it('contributes an `adr` comment snippet for each main language, with its comment marker', () => {
    const markers: Record<string, string> = { python: '#', yaml: '#', shellscript: '#', typescript: '//', javascript: '//', go: '//', java: '//', rust: '//', sql: '--' };
    for (const [language, marker] of Object.entries(markers)) {
      const bodies = pkg.contributes.snippets
        .filter((s: { language: string }) => s.language === language)
        .flatMap((s: { path: string }) => Object.values(JSON.parse(readFileSync(path.join(root, s.path), 'utf8'))) as { prefix: string | string[]; body: string[] }[])
        .filter((s: { prefix: string | string[] }) => [s.prefix].flat().includes('adr'));
      expect(bodies.length, language).toBe(1);
      expect(bodies[0].body[0].startsWith(`${marker} ADR-\${1:0000}`), language).toBe(true);
    }
  });
});
