"""fuzz: damaged and hostile inputs for every supported format, and a harness that proves
each one ends cleanly — a report (exit 0/1) or one Chinese line naming the file (exit 2);
never a traceback, never a hang.

    python -m juesuan.fuzz -n 10000        # make fuzz: the full run, counts by outcome
    hostile.BUILDERS                         # the families of defects
    strategies.hostile_cases()               # the same as hypothesis strategies
"""
