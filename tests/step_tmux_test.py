#!/usr/bin/env python3
"""The step mode in a real terminal, as a learner types at it.

usage: step_tmux_test.py ASYNCLAB

tmux runs `asynclab step 7` in a pane; keys go in with send-keys and the
screen comes back with capture-pane.  It steps, completes a task name
with Tab, goes back, and quits with Ctrl-D; then it checks the history
file (mode 0600) under the state directory.  Without tmux the test is
skipped (exit 77) with the reason printed.
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

SOCKET = f"asynclab-step-test-{os.getpid()}"


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET] + list(args), capture_output=True,
                          text=True, timeout=20)


def screen():
    return tmux("capture-pane", "-p", "-t", "t").stdout


def wait_for(text, seconds=15):
    end = time.time() + seconds
    while time.time() < end:
        s = screen()
        if text in s:
            return s
        time.sleep(0.1)
    raise AssertionError(f"never saw {text!r} on the screen:\n{screen()}")


def main():
    exe = os.path.abspath(sys.argv[1])
    if not shutil.which("tmux"):
        print("SKIP: tmux is not installed (apt-get install tmux)")
        return 77
    state = tempfile.mkdtemp(prefix="asynclab-tmux-")
    home = tempfile.mkdtemp(prefix="asynclab-home-")
    cmd = (f"env HOME={home} XDG_STATE_HOME={state} TERM=xterm NO_COLOR=1 {exe} step 7; "
           f"echo EXITED $?; sleep 30")
    tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", cmd)
    try:
        wait_for("(asynclab 0.00)")
        tmux("send-keys", "-t", "t", "s", "Enter")
        wait_for("#6 0.00  Task-1")
        # Tab completes the one task whose name starts so.
        tmux("send-keys", "-t", "t", "break task Tas", "Tab")
        wait_for("break task Task-1")
        tmux("send-keys", "-t", "t", "Enter")
        wait_for("breakpoint 1: task Task-1")
        tmux("send-keys", "-t", "t", "s 3", "Enter")
        tmux("send-keys", "-t", "t", "back", "Enter")
        s = wait_for("(asynclab 0.00) back")
        after = s.split("(asynclab 0.00) back", 1)[1]
        assert "#" in after, f"back printed no row:\n{s}"
        # Ctrl-C drops a half-typed line and gives a fresh prompt; it must
        # not act as Enter, which would repeat `back`.
        tmux("send-keys", "-t", "t", "abc")
        wait_for("abc")
        tmux("send-keys", "-t", "t", "C-c")
        tmux("send-keys", "-t", "t", "ready", "Enter")
        s = wait_for("(queued at #")
        between = s.rsplit("abc", 1)[1].split("ready", 1)[0]
        assert "#" not in between, f"Ctrl-C at the prompt ran a command:\n{s}"
        tmux("send-keys", "-t", "t", "C-d")
        s = wait_for("EXITED 0")
        hist = os.path.join(state, "asynclab", "history")
        assert os.path.exists(hist), "no history file"
        mode = stat.S_IMODE(os.stat(hist).st_mode)
        assert mode == 0o600, f"history mode {oct(mode)}"
        with open(hist) as f:
            # libedit keeps lines vis(3)-encoded: a space is \040
            assert "break task Task-1" in f.read().replace("\\040", " "), \
                "the history lacks a typed line"
    except AssertionError as e:
        print("FAIL", e)
        return 1
    finally:
        tmux("kill-server")
    print("step_tmux_test: stepped, completed Task-1 with Tab, went back, dropped a line "
          "with Ctrl-C, quit with Ctrl-D")
    return 0


if __name__ == "__main__":
    sys.exit(main())
