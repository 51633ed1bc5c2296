/*
 * Talking to the real scaffolder of a running portal, as the frontend does:
 * start a task and follow it to the end, or render a template in a dry run.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { repoRoot } from '@internal/testing';

export type TaskResult = {
  id: string;
  status: string;
  /** Every log line of the task, in order. */
  log: string[];
  output: any;
  error?: { name: string; message: string };
  elapsedMs: number;
};

const terminal = ['completed', 'failed', 'cancelled'];

/** Starts a task from a registered template; resolves with the HTTP answer. */
export async function createTask(
  baseUrl: string,
  token: string,
  templateRef: string,
  values: Record<string, unknown>,
): Promise<Response> {
  return fetch(`${baseUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ templateRef, values }),
  });
}

/** Runs a template to its end and returns what the task log showed. */
export async function runTemplate(
  baseUrl: string,
  token: string,
  templateRef: string,
  values: Record<string, unknown>,
  timeoutMs = 60_000,
): Promise<TaskResult> {
  const started = Date.now();
  const res = await createTask(baseUrl, token, templateRef, values);
  if (res.status !== 201) {
    throw new Error(`task not created: ${res.status} ${await res.text()}`);
  }
  const { id } = await res.json();
  return waitForTask(baseUrl, token, id, started, timeoutMs);
}

export async function waitForTask(
  baseUrl: string,
  token: string,
  id: string,
  started = Date.now(),
  timeoutMs = 60_000,
): Promise<TaskResult> {
  const headers = { Authorization: `Bearer ${token}` };
  let status = '';
  while (!terminal.includes(status)) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`task ${id} still ${status} after ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, 100));
    const task = await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}`, {
      headers,
    }).then(r => r.json());
    status = task.status;
  }
  const elapsedMs = Date.now() - started;
  const events: any[] = await fetch(
    `${baseUrl}/api/scaffolder/v2/tasks/${id}/events`,
    { headers },
  ).then(r => r.json());
  const completion = events.find(e => e.type === 'completion')?.body ?? {};
  return {
    id,
    status,
    log: events.filter(e => e.type === 'log').map(e => e.body.message),
    output: completion.output,
    error: completion.error,
    elapsedMs,
  };
}

export type RenderedFile = { path: string; content: string };

/** A template folder as the dry-run API takes it: every file, base64. */
export function templateDirectoryContents(templateDir: string) {
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        files.push({
          path: path.relative(templateDir, full).split(path.sep).join('/'),
          base64Content: fs.readFileSync(full).toString('base64'),
        });
      }
    }
  };
  walk(templateDir);
  return files;
}

/**
 * Renders a template from `templates/` through POST /v2/dry-run: the real
 * scaffolder runs every step that supports a dry run and returns the files.
 */
export async function dryRun(
  baseUrl: string,
  token: string,
  templateName: string,
  values: Record<string, unknown>,
): Promise<{ status: number; body: any; files: RenderedFile[] }> {
  return dryRunFolder(
    baseUrl,
    token,
    path.join(repoRoot, 'templates', templateName),
    values,
  );
}

/**
 * Dry-runs the template.yaml of any folder (with the folder's files as the
 * template's directory contents) and decodes the files it returns.
 */
export async function dryRunFolder(
  baseUrl: string,
  token: string,
  templateDir: string,
  values: Record<string, unknown>,
  secrets: Record<string, string> = {},
): Promise<{ status: number; body: any; files: RenderedFile[] }> {
  const template = YAML.parse(
    fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
  );
  const res = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      template,
      values,
      secrets,
      directoryContents: templateDirectoryContents(templateDir),
    }),
  });
  const body = await res.json();
  const files: RenderedFile[] = (body.directoryContents ?? []).map(
    (f: any) => ({
      path: f.path,
      content: Buffer.from(f.base64Content, 'base64').toString('utf8'),
    }),
  );
  return { status: res.status, body, files };
}
