# Sourced by .ci/install-build.sh and .ci/install-test.sh: `step LABEL CHECK INSTALL` runs
# INSTALL only when CHECK fails (idempotent), and prints how long each install took; `steps_done`
# prints one summary line.
_installed=()
_present=()
step() { # label check-command install-command
  if eval "$2" >/dev/null 2>&1; then
    _present+=("$1")
    return
  fi
  local t0=$SECONDS
  echo "install: $1 ..."
  eval "$3"
  echo "install: $1 took $((SECONDS - t0)) s"
  _installed+=("$1 $((SECONDS - t0)) s")
}
steps_done() { # script-name
  local list="" x
  for x in "${_installed[@]}"; do list+="${list:+; }$x"; done
  echo "$1: ${#_installed[@]} installed${list:+ ($list)}, ${#_present[@]} already present; ${SECONDS} s"
}
