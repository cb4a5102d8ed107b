#!/usr/bin/env python3
"""pairs.py N CMD_A -- CMD_B: run A and B alternately N times (after two
warm-up pairs) and print "median_a_ms median_b_ms median_ratio". Taking
the runs in pairs, and the median of the pairs' ratios, keeps this VM's
slow and fast spells from landing on one side only."""
import statistics
import subprocess
import sys
import time


def run(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def main():
    n = int(sys.argv[1])
    sep = sys.argv.index("--")
    a, b = sys.argv[2:sep], sys.argv[sep + 1:]
    for _ in range(2):
        run(a)
        run(b)
    ta, tb, ratios = [], [], []
    for _ in range(n):
        x, y = run(a), run(b)
        ta.append(x)
        tb.append(y)
        ratios.append(x / y)
    print("%.1f %.1f %.2f" % (statistics.median(ta) * 1000, statistics.median(tb) * 1000,
                              statistics.median(ratios)))


if __name__ == "__main__":
    main()
