#!/usr/bin/env bash
# Times `briefing dump --json` on generated libraries of 1k, 10k and 50k
# articles: wall time, peak memory, MB/s, and the ratio to `wc -w` over the
# same files, and how much the time grew per doubling of the library since
# the size before. Libraries are generated once (examples/gen-corpus, seed
# 1) and kept under target/bench-libs.
#
# The runs go round the sizes (1k, 10k, 50k, 1k, 10k, ...), and the growth
# is the median over the rounds of each round's own ratio, so that a
# machine that is slower for a while slows every size alike.
#
#   benches/scale.sh              # 1000 10000 50000, 3 rounds, medians shown
#   benches/scale.sh 1000 10000   # chosen sizes
#   RUNS=1 benches/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "benches/scale.sh needs GNU time for peak memory: apt-get install -y time" >&2
    exit 1
fi

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 50000)
runs=${RUNS:-3}
libs=target/bench-libs
mkdir -p "$libs"

cargo build --release --quiet --bin briefing --example gen-corpus
bin=target/release/briefing

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for n in "${sizes[@]}"; do
    dir="$libs/lib-$n"
    if [ ! -f "$dir/$(printf '%06d' $((n - 1))).txt" ]; then
        rm -rf "$dir"
        target/release/examples/gen-corpus --articles "$n" --seed 1 "$dir" 2>/dev/null
    fi
    # Every run then reads the files from the page cache.
    find "$dir" -name '*.txt' -print0 | xargs -0 cat >/dev/null
done

# One line per run: size, round, wall, user, peak MB, wc -w seconds.
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq "$runs"); do
    for n in "${sizes[@]}"; do
        dir="$libs/lib-$n"
        log=$(mktemp)
        /usr/bin/time -v "$bin" --no-config dump --json "$dir" >/dev/null 2>"$log"
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
        user=$(awk -F': ' '/User time/ {print $2}' "$log")
        peak=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$log")
        rm -f "$log"
        start=$(date +%s.%N)
        find "$dir" -name '*.txt' -print0 | xargs -0 cat | wc -w >/dev/null
        wc=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
        echo "$n $round $wall $user $peak $wc" >>"$results"
    done
done

column() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$results" | median; }

printf '%-9s %8s %9s %9s %9s %8s %11s %9s %9s\n' articles MB wall_s user_s peak_MB MB/s wc_wall_s ratio x/double
prev_n=''
for n in "${sizes[@]}"; do
    mb=$(du -sb "$libs/lib-$n" | awk '{printf "%.1f", $1 / 1e6}')
    wall=$(column "$n" 3)
    user=$(column "$n" 4)
    peak=$(column "$n" 5)
    wc=$(column "$n" 6)
    growth=-
    if [ -n "$prev_n" ]; then
        growth=$(awk -v n1="$prev_n" -v n2="$n" '
            $1 == n1 {t1[$2] = $3}
            $1 == n2 {t2[$2] = $3}
            END {for (r in t2) printf "%.4f\n", exp(log(t2[r] / t1[r]) / (log(n2 / n1) / log(2)))}' \
            "$results" | median)
        growth=$(printf '%.2f' "$growth")
    fi
    printf '%-9s %8s %9.2f %9.2f %9s %8.1f %11.3f %9.0f %9s\n' "$n" "$mb" "$wall" "$user" "$peak" \
        "$(awk -v a="$mb" -v b="$wall" 'BEGIN {print a / b}')" "$wc" \
        "$(awk -v a="$wall" -v b="$wc" 'BEGIN {print a / b}')" "$growth"
    prev_n=$n
done
