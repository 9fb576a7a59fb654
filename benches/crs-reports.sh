#!/usr/bin/env bash
# Builds the research-report library for the key-point bench
# (examples/keypoint-quality.rs): 35 Congressional Research Service reports
# (works of the US government, in the public domain) as saved in Markdown by
# the repository ProfAmiot/crs-reports on GitHub, at commit 1226512. 28 of
# them open with the author's "Summary". Each report is written twice, as
# it is under target/bench-libs/crs-md/NAME.md and byte for byte the same
# under target/bench-libs/crs-txt/NAME.txt, so that the plain-text and the
# Markdown readers are measured on the same words.
#
#   benches/crs-reports.sh                 # clones the repository (network)
#   benches/crs-reports.sh /path/to/clone  # or reads an existing clone
#   cargo run --release --example keypoint-quality -- --textrank target/bench-libs/crs-md
set -euo pipefail
cd "$(dirname "$0")/.."

COMMIT=12265120e33ab237acd3f178b1d697ece3ac188f
REPORTS=(
    98317-types-of-committee-hearings
    R44243v22-electing-the-speaker-of-the-house-of-representat
    R45100v21-the-10-20-30-provision-defining-persistent-pover
    R45741v5-memorials-and-commemorative-works-outside-washin
    R46293v11-earth-day-fact-sheet
    R46646v17-election-administration-federal-grant-programs-f
    R46991v32-economic-development-administration-an-overview-
    R47194v5-highway-bridges-conditions-funding-programs-and-
    R47324v18-seabed-mining-in-areas-beyond-national-jurisdict
    R47438v6-federal-credit-assistance-and-grant-programs-for
    R47573v4-funding-and-financing-highways-and-public-transp
    R48179v10-tickets-for-live-entertainment-events
    R48447v6-unemployment-insurance-legislative-issues-in-the
    R48469v6-the-seafood-import-monitoring-program-simp
    R48694v10-federal-research-and-development-r-d-funding-fy2
    R48725v6-social-security-administration-ssa-staffing-leve
    R48863v3-local-and-regional-project-assistance-program-ba
    R48883v4-an-overview-of-decentralized-finance-defi
    R48902v1-internet-architecture-a-layer-based-analysis-of-
    R48903v3-the-strait-of-hormuz-in-brief-non-oil-shipments-
    R48905v2-u-s-department-of-agriculture-usda-structure-and
    R48906v2-inflation-reduction-act-methane-emissions-charge
    R48907v2-military-discharges-character-of-service-and-eli
    R48908v2-the-u-s-and-foreign-commercial-service-overview-
    R48909v1-artificial-intelligence-crs-products
    R48910v2-trump-accounts-overview-and-policy-consideration
    R48911v1-social-security-administration-ssa-staffing-leve
    R48913v5-corporate-taxation-the-revenue-maximizing-tax-ra
    R48914v2-cryptocurrency-mining-and-the-electricity-sector
    R48915v1-preemption-and-the-federal-food-drug-and-cosmeti
    R48916v2-retailer-inventory-and-pricing-behavior-during-s
    R48917v2-s-con-res-33-the-senate-adopted-fy2026-budget-re
    RL30857v31-speakers-of-the-house-elections-1913-2025
    RL34498v33-federal-individual-income-tax-brackets-standard-
    RS22331v53-foreign-holdings-of-federal-debt
)

src="${1:-}"
if [ -z "$src" ]; then
    src=target/bench-libs/crs-reports.git
    if [ ! -d "$src" ]; then
        git clone --bare --filter=blob:none https://github.com/ProfAmiot/crs-reports.git "$src"
    fi
fi
git -C "$src" cat-file -e "$COMMIT^{commit}" 2>/dev/null || {
    echo "$src: commit $COMMIT not found" >&2
    exit 1
}
mkdir -p target/bench-libs/crs-md target/bench-libs/crs-txt
for name in "${REPORTS[@]}"; do
    git -C "$src" show "$COMMIT:markdown/reports/$name.md" > "target/bench-libs/crs-md/$name.md"
    cp "target/bench-libs/crs-md/$name.md" "target/bench-libs/crs-txt/$name.txt"
done
echo "${#REPORTS[@]} reports in target/bench-libs/crs-md and target/bench-libs/crs-txt"
