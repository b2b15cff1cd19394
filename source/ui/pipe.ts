/**
 * `|`: which command the article goes to, and how it is run. Decided without running anything.
 */

/** What the user typed at the prompt, else $PAGER, else `less -R`. */
export function pipeCommand(typed: string, env: NodeJS.ProcessEnv): string {
	return typed.trim() || env['PAGER']?.trim() || 'less -R';
}

/**
 * The argv that runs `command`: through the shell, as git and man run $PAGER and mutt runs the
 * command of its own `|`. The user typed this line (or set $PAGER) themselves and may well use
 * the shell's quotes, pipes and redirections in it (`grep -i نفط | less`, `cat > ~/saved.txt`);
 * splitting it into words would break exactly those. Nothing from a source ever enters it: the
 * article goes to the command's standard input, never into its words.
 */
export function pipeArgv(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
	return platform === 'win32' ? [env['ComSpec'] ?? 'cmd.exe', '/d', '/s', '/c', command] : ['/bin/sh', '-c', command];
}
