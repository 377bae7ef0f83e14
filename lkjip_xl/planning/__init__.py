"""Planning: the Sekretariat's master (model, declarative spec, rules), its checks and its writer, and the bidang templates.

Takes what the Sekretariat plans (instansi, bidang, indicators and targets, programs and kegiatan with their
anggaran murni and perubahan, the Perjanjian Kinerja's programs); gives the `Master` every later stage reads,
and the Excel files sent to each bidang (the Sekretariat's with its SDM sheet).
"""
