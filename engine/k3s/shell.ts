/**
 * Just enough of a POSIX shell reader to find commands in `sh -c '…'` scripts and script
 * files: pipelines of simple commands, each with its leading variable assignments.
 */
import { Assignment, assignmentOf, Located, LocatedWord, shellTokens } from './located';

export interface ShellCommand {
  /** `NAME=value` words before the command, which set its environment. */
  assignments: Assignment[];
  /** The command and its arguments (leading reserved words such as `then` dropped). */
  words: LocatedWord[];
}

export interface Pipeline {
  commands: ShellCommand[];
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}']);
const REDIRECTION = /^\d*(>>|<<|>&|<&|>\||<>|&>|<|>)$/;

export function shellPipelines(source: Located): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let commands: ShellCommand[] = [];
  let current: ShellCommand = { assignments: [], words: [] };
  let skipNext = false;
  const endCommand = () => {
    if (current.words.length > 0 || current.assignments.length > 0) commands.push(current);
    current = { assignments: [], words: [] };
  };
  const endPipeline = () => {
    endCommand();
    if (commands.length > 0) pipelines.push({ commands });
    commands = [];
  };
  for (const token of shellTokens(source)) {
    if (token.kind === 'op') {
      if (REDIRECTION.test(token.op)) skipNext = true;
      else if (token.op === '|') endCommand();
      else endPipeline();
      continue;
    }
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (current.words.length === 0) {
      const assignment = assignmentOf(token.word, token.expansion, false);
      if (assignment) {
        current.assignments.push(assignment);
        continue;
      }
      if (!token.word.quoted.some(Boolean) && RESERVED.has(token.word.loc.text)) continue;
    }
    current.words.push(token.word);
  }
  endPipeline();
  return pipelines;
}

/** Variables an `export NAME=value …` command sets for the rest of the script. */
export function exportsOf(command: ShellCommand): Assignment[] {
  if (command.words[0]?.loc.text !== 'export') return [];
  return command.words.slice(1).flatMap((w) => assignmentOf(w, /[$`]/.test(w.loc.text), false) ?? []);
}
