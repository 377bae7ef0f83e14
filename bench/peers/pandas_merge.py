"""What a user would write with pandas instead of lkjip-xl: read both sheets of every file, concatenate,
capaian per indicator, program sums and percentages, realisasi <= anggaran, write with to_excel.

The engine is pandas' own choice for reading: `openpyxl` (its default for .xlsx) or `calamine`.
No master is read: kegiatan belong to the program row above them (a program's code has fewer parts),
capaian is realisasi / target x 100 for every indicator. Money is float, as pandas reads it.
Run: python bench/peers/pandas_merge.py {openpyxl|calamine} INBOX OUTPUT.xlsx
"""

import sys
import time
from pathlib import Path

import pandas as pd

t = time.perf_counter()
engine, inbox, output = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
kinerja, anggaran = [], []
for path in sorted(inbox.glob("*.xlsx")):
    sheets = pd.read_excel(path, sheet_name=["Kinerja", "Anggaran"], engine=engine)
    kinerja.append(sheets["Kinerja"].assign(Berkas=path.name))
    anggaran.append(sheets["Anggaran"].assign(Berkas=path.name))
kin = pd.concat(kinerja, ignore_index=True)
ang = pd.concat(anggaran, ignore_index=True)

kin["Capaian (%)"] = (kin["Realisasi"] / kin["Target"] * 100).round(2)

ang["Kode"] = ang["Kode"].astype(str).str.strip()
depth = ang["Kode"].str.count(r"\.")
is_program = depth == depth.groupby(ang["Berkas"]).transform("min")
ang["Program"] = ang["Kode"].where(is_program).ffill()
keg = ang[~is_program]
sums = keg.groupby(["Berkas", "Program"], sort=False)[["Anggaran (Rp)", "Realisasi (Rp)"]].sum()
prog = ang[is_program].merge(sums, left_on=["Berkas", "Kode"], right_index=True, suffixes=(" tertulis", ""))
prog["Realisasi (%)"] = (prog["Realisasi (Rp)"] / prog["Anggaran (Rp)"] * 100).round(2)
keg = keg.assign(**{"Realisasi (%)": (keg["Realisasi (Rp)"] / keg["Anggaran (Rp)"] * 100).round(2)})

over = keg[keg["Realisasi (Rp)"] > keg["Anggaran (Rp)"]].assign(Temuan="realisasi melebihi anggaran")
wrong = prog[
    (prog["Anggaran (Rp) tertulis"] != prog["Anggaran (Rp)"]) | (prog["Realisasi (Rp) tertulis"] != prog["Realisasi (Rp)"])
].assign(Temuan="jumlah program tidak sama dengan jumlah kegiatannya")
temuan = pd.concat([over, wrong], ignore_index=True)[["Berkas", "Kode", "Temuan"]]
total = pd.DataFrame(
    {
        "Anggaran (Rp)": [keg["Anggaran (Rp)"].sum()],
        "Realisasi (Rp)": [keg["Realisasi (Rp)"].sum()],
    }
)
total["Realisasi (%)"] = (total["Realisasi (Rp)"] / total["Anggaran (Rp)"] * 100).round(2)

with pd.ExcelWriter(output) as writer:
    kin.to_excel(writer, sheet_name="Capaian", index=False)
    prog.drop(columns=["Program"]).to_excel(writer, sheet_name="Program", index=False)
    keg.drop(columns=["Program"]).to_excel(writer, sheet_name="Kegiatan", index=False)
    total.to_excel(writer, sheet_name="Total", index=False)
    temuan.to_excel(writer, sheet_name="Temuan", index=False)
print(f"{time.perf_counter() - t:.4f} {len(kin) + len(ang)}")
