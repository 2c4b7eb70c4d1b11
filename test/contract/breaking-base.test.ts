// Which commit the `buf breaking` gate compares against (scripts/ci/breaking-base.sh), on real
// git histories: the last release's merge base, else main's merge base, else HEAD^.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

const script = join(import.meta.dirname, "../../scripts/ci/breaking-base.sh");
let dir: string;
const env = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t", GIT_CONFIG_GLOBAL: "/dev/null" };

function git(repo: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: repo, env, encoding: "utf8" }).trim();
}
function commit(repo: string, label: string): string {
  writeFileSync(join(repo, "file"), label);
  git(repo, "add", "file");
  git(repo, "commit", "-qm", label);
  return git(repo, "rev-parse", "HEAD");
}
function base(repo: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("bash", [script], { cwd: repo, env, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}
function repo(name: string): string {
  const path = join(dir, name);
  execFileSync("git", ["init", "-q", "-b", "main", path], { env });
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "breaking-base-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("no earlier commit: nothing to compare against", () => {
  const r = repo("single");
  commit(r, "one");
  expect(base(r)).toMatchObject({ status: 0, stdout: "" });
});

it("on main without a release: the previous commit", () => {
  const r = repo("main");
  const first = commit(r, "one");
  commit(r, "two");
  expect(base(r)).toMatchObject({ status: 0, stdout: first });
});

it("a branch: main's merge base, so every commit of the branch is checked", () => {
  const r = repo("branch");
  commit(r, "one");
  const fork = commit(r, "two");
  git(r, "checkout", "-qb", "feature");
  commit(r, "three");
  commit(r, "four");
  git(r, "checkout", "-q", "main");
  commit(r, "main moved on");
  git(r, "checkout", "-q", "feature");
  expect(base(r)).toMatchObject({ status: 0, stdout: fork });
});

it("after a release: the release tag's merge base, also on main; a tagged HEAD falls through", () => {
  const r = repo("release");
  commit(r, "one");
  const released = commit(r, "two");
  git(r, "tag", "v0.1.0");
  commit(r, "three");
  commit(r, "four");
  expect(base(r)).toMatchObject({ status: 0, stdout: released });
  git(r, "checkout", "-qb", "feature");
  commit(r, "five");
  expect(base(r)).toMatchObject({ status: 0, stdout: released });
  git(r, "checkout", "-q", "main");
  commit(r, "six");
  git(r, "tag", "v0.2.0");
  // HEAD is the release itself: compare with main before it.
  expect(base(r).stdout).toBe(git(r, "rev-parse", "HEAD^"));
});

it("a shallow clone without the base fails loudly instead of skipping the gate", () => {
  const origin = repo("origin");
  commit(origin, "one");
  commit(origin, "two");
  const shallow = join(dir, "shallow");
  execFileSync("git", ["clone", "-q", "--depth", "1", `file://${origin}`, shallow], { env });
  const r = base(shallow);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("shallow clone: git fetch --unshallow --tags");
});
