#!/usr/bin/env python3
"""Self-test of tests/harness/vclock.py, the virtual-clock runner of twins.

Each check writes a tiny twin to a temporary directory, runs it under the
harness in a child interpreter (as the fidelity test does) and looks at its
stdout, stderr and exit status.  No pytest: the last line is the plain
"N passed, N failed" that CI reads, and the exit status is 1 on any failure.
"""

import os
import subprocess
import sys
import tempfile
import textwrap
import time

HARNESS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vclock.py")

results = []  # (name, ok, detail)


def run_twin(source, *args, env=None):
    """Run source as a twin under the harness; return (proc, real seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "twin.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(source))
        start = time.monotonic()
        proc = subprocess.run([sys.executable, HARNESS, path, *args],
                              capture_output=True, text=True, timeout=20,
                              env=env)
        return proc, time.monotonic() - start


def check(name, ok, detail=""):
    results.append((name, ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"))


def test_sleep_is_virtual():
    # A 100 s sleep must take no real time, and sleep(1) must land on 1.0
    # exactly, which is what the C runtime prints too.
    proc, real = run_twin("""
        import asyncio
        async def main():
            loop = asyncio.get_running_loop()
            await asyncio.sleep(1)
            print(loop.time())
            await asyncio.sleep(100)
            print(loop.time())
        asyncio.run(main())
    """)
    check("asyncio.sleep advances the virtual clock exactly",
          proc.returncode == 0 and proc.stdout == "1.0\n101.0\n" and real < 5,
          f"status {proc.returncode}, stdout {proc.stdout!r}, {real:.1f} s real")


def test_blocking_sleep():
    # time.sleep freezes the loop: the other task, due at 0.5, runs only at 2.
    proc, _ = run_twin("""
        import asyncio, time
        async def other():
            await asyncio.sleep(0.5)
            print("other at", asyncio.get_running_loop().time())
        async def main():
            loop = asyncio.get_running_loop()
            task = asyncio.create_task(other())
            await asyncio.sleep(0)
            time.sleep(2)
            print("blocked until", loop.time(), time.monotonic())
            await task
        asyncio.run(main())
    """)
    want = "blocked until 2.0 2.0\nother at 2.0\n"
    check("time.sleep advances the clock and blocks other tasks",
          proc.returncode == 0 and proc.stdout == want,
          f"status {proc.returncode}, stdout {proc.stdout!r}")


def test_equal_deadlines_in_order():
    # Twenty timers with one deadline: a plain heap would not keep their
    # order, the harness must.
    proc, _ = run_twin("""
        import asyncio
        async def main():
            loop = asyncio.get_running_loop()
            fired = []
            for i in range(20):
                loop.call_later(0.5, fired.append, i)
            loop.call_later(0.25, fired.append, "early")
            await asyncio.sleep(1)
            print(fired)
        asyncio.run(main())
    """)
    want = repr(["early"] + list(range(20))) + "\n"
    check("call_later with equal delays fires in scheduling order",
          proc.returncode == 0 and proc.stdout == want,
          f"status {proc.returncode}, stdout {proc.stdout!r}")


def test_deadlock():
    proc, _ = run_twin("""
        import asyncio
        async def main():
            print("waiting")
            await asyncio.get_running_loop().create_future()
        asyncio.run(main())
    """)
    check("a loop that would wait forever exits with status 1",
          proc.returncode == 1 and proc.stdout == "waiting\n"
          and proc.stderr == "vclock: deadlock: the loop would wait forever\n",
          f"status {proc.returncode}, stdout {proc.stdout!r}, "
          f"stderr {proc.stderr!r}")


def test_shutdown_cancels_in_creation_order():
    # asyncio.run cancels what main left running; CPython's order follows
    # a set's, so twenty tasks would almost never come out in order.
    proc, _ = run_twin("""
        import asyncio
        async def child(i):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print(i)
                raise
        async def main():
            for i in range(20):
                asyncio.create_task(child(i))
            await asyncio.sleep(1)
        asyncio.run(main())
    """)
    want = "".join(f"{i}\n" for i in range(20))
    check("asyncio.run cancels leftover tasks in creation order",
          proc.returncode == 0 and proc.stdout == want,
          f"status {proc.returncode}, stdout {proc.stdout!r}")


def test_arguments_and_step_log():
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "steps.log")
        env = dict(os.environ, ASYNCLAB_STEPS=log)
        proc, _ = run_twin("""
            import asyncio, sys
            async def child():
                await asyncio.sleep(0.5)
            async def main():
                await asyncio.create_task(child(), name="kid")
            print(sys.argv[1:], __name__)
            asyncio.run(main())
        """, "n=3", "delays=1,2", env=env)
        with open(log, encoding="utf-8") as f:
            lines = [line for line in f.read().splitlines()
                     if "BaseEventLoop." not in line]
    want = ["0.0\tTask-1\tmain", "0.0\tkid\tchild", "0.5\tkid\tchild",
            "0.5\tTask-1\tmain"]
    check("argv, __main__ and the ASYNCLAB_STEPS log",
          proc.returncode == 0
          and proc.stdout == "['n=3', 'delays=1,2'] __main__\n"
          and lines == want,
          f"status {proc.returncode}, stdout {proc.stdout!r}, log {lines!r}")


def main():
    for test in (test_sleep_is_virtual, test_blocking_sleep,
                 test_equal_deadlines_in_order, test_deadlock,
                 test_shutdown_cancels_in_creation_order,
                 test_arguments_and_step_log):
        try:
            test()
        except Exception as exc:  # a crash in one check must not hide others
            check(test.__name__, False, repr(exc))
    failed = sum(1 for _, ok in results if not ok)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
