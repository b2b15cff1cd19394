/**
 * The help texts the entry point needs before anything else is loaded: the banner of
 * `akhbar --help` and the help of `print` and `completion`. Strings only: no imports, so the
 * entry point's start-up does not grow with them.
 */

export const mainHelp = `
  أخبار  akhbar — Arabic news in the terminal

  Usage
    $ akhbar [SOURCE...]                  read (configured sources, or the demo edition)
    $ akhbar print [SOURCE] [options]     print what the panes show, then exit
    $ akhbar sources add|remove|list|import|export ...
    $ akhbar prefs list|get|set|reset|path ...
    $ akhbar refresh [--jobs N]           fetch every configured source into the library
    $ akhbar search QUERY [options]       search the library's archive (--help for options)
    $ akhbar completion bash|zsh|fish     a shell completion script
    $ akhbar help [COMMAND]               this help, or a command's (also: COMMAND --help)

  SOURCE is a feed or page URL (RSS, Atom, JSON Feed, HTML), a file, or - for standard input
  (a file named like a command, e.g. refresh, is given as ./refresh).
  With no SOURCE, print and the reader use the configured sources, or with none the
  built-in demo edition (--demo: the demo edition in any case).

  Print options
    --width N        text width in cells (default: the terminal's, or 80)
    --article K      only article K (articles are numbered from 1)
    --headlines      only the headlines list
    --logical        logical order, unshaped, one line per block (for pipes and screen readers)

  Text options (override the saved preferences for this run)
    --shaping on|off            join Arabic letters (on)
    --bidi auto|app|terminal|off  who reorders right-to-left text (auto)
    --align auto|right|left|justify  alignment of paragraphs (auto: by direction;
                                justify: full lines, with kashida in Arabic)
    --digits asis|arabic|western|native  digit style (asis)
    --language auto|ar|en|fa|ur|he  interface language (auto: the locale)
    --tashkeel show|hide        harakat (show)
    --measure N                 maximum article line width in the reader (72)
    --theme auto|color|mono     colours (auto; NO_COLOR is honoured)
    --offline                   use cached copies only

  Other
    -h, --help       this help
    -v, --version    the version

  Examples
    $ akhbar print --demo --article 1
    $ akhbar https://example.com/feed.xml
    $ curl -s https://example.com/rss | akhbar -
`;

export const printHelp = `Usage: akhbar print [SOURCE...] [options]

Prints what the reader's panes show, then exits: each source's headlines, then its
articles. With no SOURCE: the configured sources, or the built-in demo edition.
Exit codes: 0 done, 1 a source or article could not be read, 2 a usage error.

Options
  --article K      only article K (the number a headline ends in: [K])
  --headlines      only the headlines, each list under its header
  --width N        text width in cells (default: the terminal's, or 80)
  --logical        logical order, unshaped, one line per block (for pipes and screen readers)
  --demo           the built-in demo edition
  --offline        saved copies only, no network

Text options (override the saved preferences for this run)
  --shaping on|off  --bidi auto|app|terminal|off  --align auto|right|left|justify
  --digits asis|arabic|western|native  --tashkeel show|hide  --theme auto|color|mono
  --language auto|ar|en|fa|ur|he

Examples
  $ akhbar print https://example.com/feed.xml --headlines
  $ akhbar print feed.xml --article 2 --width 60
  $ akhbar print feed.xml --logical | grep …
`;

export const completionHelp = `Usage: akhbar completion bash|zsh|fish

Prints a completion script for the shell: subcommands, flags and their values, preference
keys and values, configured source names for \`sources remove\`, and files.

  bash   echo 'source <(akhbar completion bash)' >> ~/.bashrc
  zsh    echo 'source <(akhbar completion zsh)' >> ~/.zshrc
  fish   akhbar completion fish > ~/.config/fish/completions/akhbar.fish
`;

export const helpHelp = `Usage: akhbar help [COMMAND [SUBCOMMAND]]

Shows akhbar's help, or a command's: print, sources, prefs, refresh, search, completion
(\`akhbar help sources add\`, the same as \`akhbar sources add --help\`).
`;
