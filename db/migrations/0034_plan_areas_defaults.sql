-- The reform areas of the national programme (Nghị quyết 76/NQ-CP, 2021–2030) and the
-- direction of the reform work, as the provinces' yearly plans group their tasks. The
-- agency may rename, reorder, retire or add areas (PATCH/POST /api/plan-areas).
INSERT INTO "plan_areas" ("code", "name_vi", "name_en", "position") VALUES
  ('direction', 'Công tác chỉ đạo, điều hành', 'Direction and management', 1),
  ('institutions', 'Cải cách thể chế', 'Institutional reform', 2),
  ('procedures', 'Cải cách thủ tục hành chính', 'Administrative procedure reform', 3),
  ('apparatus', 'Cải cách tổ chức bộ máy', 'Reform of the organisational apparatus', 4),
  ('civil_service', 'Cải cách chế độ công vụ', 'Civil service reform', 5),
  ('public_finance', 'Cải cách tài chính công', 'Public finance reform', 6),
  ('e_government', 'Xây dựng, phát triển Chính phủ điện tử, Chính phủ số', 'E-government and digital government', 7);
