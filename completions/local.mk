# SPDX-License-Identifier: GPL-3.0-or-later
# Shell completion, installed where bash-completion and zsh look for it.
bashcompletiondir = $(BASH_COMPLETION_DIR)
dist_bashcompletion_DATA = completions/bash/pactaudit
zshcompletiondir = $(ZSH_COMPLETION_DIR)
dist_zshcompletion_DATA = completions/zsh/_pactaudit
TESTS += tests/cli/completion.sh
