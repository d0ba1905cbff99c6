# CPU time from /proc in ticks (1/100 s), for bench/run.sh and bench/profile.sh (sourced).
# one process (all its threads)
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# the database's processes together (a backend that exits meanwhile takes its ticks along: the pools keep theirs)
postgres_ticks() { cat /proc/[0-9]*/stat 2>/dev/null | awk '$2 == "(postgres)" { t += $14 + $15 } END { print t + 0 }'; }
