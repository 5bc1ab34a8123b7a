-- A small database with known answers for the query tests, applied to a database made by
-- Database::create (or `iprdb-load --init`). Every figure is a published one, from the
-- bulletins of ../shared/seeds and ../shared/devset; each document's text holds its quotes, and
-- spans are computed from them. Observation ids are fixed so that golden files can name them.
--
-- What the cases are for:
--   provinces, patent.grant 2019: 上海 and 辽宁 only (2 of 34)
--   湖北 2018 patent.application: exact 129820 (earlier) vs 突破12万 more_than (later): exact wins
--   湖北 2018 patent.grant: extracted and curated agree; the curated one is best
--   沧州 counties, PCT 2021: five regions tied at 1
--   重庆 2019 per-10k: only to the end of November (partial)
--   随州 patent.grant: 2018 and 2022 only (a series with gaps, growth computed over 4 years)
--   沧州 2022 per-10k: a target (at least 2.6), no actual figure
--   money: 贵州 27.53亿元 and 6931.55万元, 沧州 2.49亿元, 甘肃 6.37亿元

INSERT INTO document (id, sha256, origin, format, title, published_on, subject_region_id,
                      reporting_year, encoding, text) VALUES
(1, printf('%064d', 1), 'beijing-2023.txt', 'text', '北京市2023年知识产权工作情况', '2024-04-23',
 110000, 2023, 'UTF-8',
 '2023年,全市专利授权量19.4万件,其中发明专利授权量10.8万件,同比增长22.41%。全市发明专利有效量57.4万件。每万人口发明专利拥有量262.9件。全市商标注册量23.6万件。'),
(2, printf('%064d', 2), 'shanghai-2019.txt', 'text', '2019年上海市知识产权白皮书', '2020-04-28',
 310000, 2019, 'UTF-8',
 '上海专利申请量和授权量分别为17.36万件和10.06万件。每万人口发明专利拥有量达53.54件。有效发明专利拥有量12.98万件,同比增长12.88%。'),
(3, printf('%064d', 3), 'hubei-2018.txt', 'text', '2018年湖北省知识产权发展状况', '2019-01-19',
 420000, 2018, 'UTF-8',
 '全省专利申请总量达到129820件,同比增长17.77%。授权总量64106件,同比增长38.25%。每万人口发明专利拥有量达到8.24件。'),
(4, printf('%064d', 4), 'hubei-2018-news.html', 'html', '湖北专利申请量首次突破12万件', '2019-04-26',
 420000, 2018, 'GB18030',
 '2018年,全省专利申请总量首次突破12万件。'),
(5, printf('%064d', 5), 'hubei-2018.jsonl', 'jsonl', '湖北省2018年专利统计（整理）', '2019-01-19',
 420000, 2018, 'UTF-8',
 '{"region":"420000","indicator":"patent.grant","year":2018,"value":64106,"quote":"授权总量64106件"}'),
(6, printf('%064d', 6), 'suizhou-2022.txt', 'text', '随州市2023年知识产权专题新闻发布会', '2023-04-27',
 421300, 2022, 'UTF-8',
 '全年专利授权数量由2018年777件增加到2022年1939件,2022年发明专利授权89件,同比增长161.76%。'),
(7, printf('%064d', 7), 'nanchang-2018.txt', 'text', '南昌市2018年知识产权发展状况', '2019-01-31',
 360100, 2018, 'UTF-8',
 '专利授权量13040件,同比增长58.2%。2018年全市有效发明专利拥有量为4996件,每万人有效发明专利拥有量为9.3件。红谷滩新区每万人有效发明专利拥有量45.23件。'),
(8, printf('%064d', 8), 'chongqing-2019.txt', 'text', '重庆市2019年知识产权工作', '2020-01-01',
 500000, 2019, 'UTF-8',
 '截至2019年11月,全市申请专利59856件。每万人口发明专利拥有量达到10.42件。'),
(9, printf('%064d', 9), 'liaoning-2019.txt', 'text', '辽宁省2019年知识产权发展与保护状况', NULL,
 210000, 2019, 'UTF-8',
 '三种专利授权40037件,同比增长13.9%。每万人口发明专利拥有量9.7件。有效发明专利量42282件。'),
(10, printf('%064d', 10), 'cangzhou-2021.txt', 'text', '沧州市“4·26知识产权日”新闻发布会', '2022-04-22',
 130900, 2021, 'UTF-8',
 '2021年底全市有效发明专利拥有量达到1605件,万人发明专利拥有量达到2.2件。渤海新区、黄骅市、沧县、运河区、开发区各新增PCT国际专利1件。引导帮助50余家企业完成知识产权质押融资2.49亿元。到年底达到2.6件以上。'),
(11, printf('%064d', 11), 'guizhou-2022.txt', 'text', '《2022年贵州省知识产权保护与发展状况》新闻发布会', '2023-05-09',
 520000, 2022, 'UTF-8',
 '全年全省专利商标质押登记金额27.53亿元,比上年增长2倍。罚没金额6931.55万元。全年受理专利(电子)申请 54236件。'),
(12, printf('%064d', 12), 'gansu-2024.txt', 'text', '甘肃省推进知识产权强省建设新闻发布会', '2025-04-25',
 620000, 2024, 'UTF-8',
 '全省有效发明专利累计达到1.78万件。新增质押专利668件,金额6.37亿元,同比增长13.3%。'),
(13, printf('%064d', 13), 'tianjin-2022.txt', 'text', '天津市2022年知识产权保护状况', '2023-04-25',
 120000, 2022, 'UTF-8',
 '天津市发明专利授权11745件,同比增长59.2%。有效发明专利达到5.1万件,同比增长17.9%。');

WITH f(id, doc, region, indicator, year, month_start, month_end, measure, value, unit,
       value_text, qualifier, status, origin, quote) AS (VALUES
  (1, 1, 110000, 'patent.grant', 2023, NULL, NULL, 'level', 194000, '件', '19.4万', 'exact', 'actual', 'extracted', '全市专利授权量19.4万件'),
  (2, 1, 110000, 'patent.invention.grant', 2023, NULL, NULL, 'level', 108000, '件', '10.8万', 'exact', 'actual', 'extracted', '发明专利授权量10.8万件'),
  (3, 1, 110000, 'patent.invention.grant', 2023, NULL, NULL, 'growth_pct', 22.41, '%', '22.41', 'exact', 'actual', 'extracted', '发明专利授权量10.8万件,同比增长22.41%'),
  (4, 1, 110000, 'patent.invention.valid', 2023, NULL, NULL, 'level', 574000, '件', '57.4万', 'exact', 'actual', 'extracted', '全市发明专利有效量57.4万件'),
  (5, 1, 110000, 'patent.invention.valid_per_10k', 2023, NULL, NULL, 'level', 262.9, '件/万人', '262.9', 'exact', 'actual', 'extracted', '每万人口发明专利拥有量262.9件'),
  (6, 1, 110000, 'trademark.registration', 2023, NULL, NULL, 'level', 236000, '件', '23.6万', 'exact', 'actual', 'extracted', '全市商标注册量23.6万件'),
  (7, 2, 310000, 'patent.application', 2019, NULL, NULL, 'level', 173600, '件', '17.36万', 'exact', 'actual', 'extracted', '上海专利申请量和授权量分别为17.36万件和10.06万件'),
  (8, 2, 310000, 'patent.grant', 2019, NULL, NULL, 'level', 100600, '件', '10.06万', 'exact', 'actual', 'extracted', '上海专利申请量和授权量分别为17.36万件和10.06万件'),
  (9, 2, 310000, 'patent.invention.valid_per_10k', 2019, NULL, NULL, 'level', 53.54, '件/万人', '53.54', 'exact', 'actual', 'extracted', '每万人口发明专利拥有量达53.54件'),
  (10, 2, 310000, 'patent.invention.valid', 2019, NULL, NULL, 'level', 129800, '件', '12.98万', 'exact', 'actual', 'extracted', '有效发明专利拥有量12.98万件'),
  (11, 2, 310000, 'patent.invention.valid', 2019, NULL, NULL, 'growth_pct', 12.88, '%', '12.88', 'exact', 'actual', 'extracted', '有效发明专利拥有量12.98万件,同比增长12.88%'),
  (12, 3, 420000, 'patent.application', 2018, NULL, NULL, 'level', 129820, '件', '129820', 'exact', 'actual', 'extracted', '全省专利申请总量达到129820件'),
  (13, 3, 420000, 'patent.application', 2018, NULL, NULL, 'growth_pct', 17.77, '%', '17.77', 'exact', 'actual', 'extracted', '达到129820件,同比增长17.77%'),
  (14, 3, 420000, 'patent.grant', 2018, NULL, NULL, 'level', 64106, '件', '64106', 'exact', 'actual', 'extracted', '授权总量64106件'),
  (15, 3, 420000, 'patent.grant', 2018, NULL, NULL, 'growth_pct', 38.25, '%', '38.25', 'exact', 'actual', 'extracted', '授权总量64106件,同比增长38.25%'),
  (16, 3, 420000, 'patent.invention.valid_per_10k', 2018, NULL, NULL, 'level', 8.24, '件/万人', '8.24', 'exact', 'actual', 'extracted', '每万人口发明专利拥有量达到8.24件'),
  (17, 4, 420000, 'patent.application', 2018, NULL, NULL, 'level', 120000, '件', '12万', 'more_than', 'actual', 'extracted', '全省专利申请总量首次突破12万件'),
  (18, 5, 420000, 'patent.grant', 2018, NULL, NULL, 'level', 64106, '件', '64106', 'exact', 'actual', 'curated', '授权总量64106件'),
  (19, 6, 421300, 'patent.grant', 2018, NULL, NULL, 'level', 777, '件', '777', 'exact', 'actual', 'extracted', '全年专利授权数量由2018年777件'),
  (20, 6, 421300, 'patent.grant', 2022, NULL, NULL, 'level', 1939, '件', '1939', 'exact', 'actual', 'extracted', '增加到2022年1939件'),
  (21, 6, 421300, 'patent.invention.grant', 2022, NULL, NULL, 'level', 89, '件', '89', 'exact', 'actual', 'extracted', '2022年发明专利授权89件'),
  (22, 6, 421300, 'patent.invention.grant', 2022, NULL, NULL, 'growth_pct', 161.76, '%', '161.76', 'exact', 'actual', 'extracted', '同比增长161.76%'),
  (23, 7, 360100, 'patent.grant', 2018, NULL, NULL, 'level', 13040, '件', '13040', 'exact', 'actual', 'extracted', '专利授权量13040件'),
  (24, 7, 360100, 'patent.grant', 2018, NULL, NULL, 'growth_pct', 58.2, '%', '58.2', 'exact', 'actual', 'extracted', '专利授权量13040件,同比增长58.2%'),
  (25, 7, 360100, 'patent.invention.valid', 2018, NULL, NULL, 'level', 4996, '件', '4996', 'exact', 'actual', 'extracted', '2018年全市有效发明专利拥有量为4996件'),
  (26, 7, 360100, 'patent.invention.valid_per_10k', 2018, NULL, NULL, 'level', 9.3, '件/万人', '9.3', 'exact', 'actual', 'extracted', '每万人有效发明专利拥有量为9.3件'),
  (27, 7, 360113, 'patent.invention.valid_per_10k', 2018, NULL, NULL, 'level', 45.23, '件/万人', '45.23', 'exact', 'actual', 'extracted', '红谷滩新区每万人有效发明专利拥有量45.23件'),
  (28, 8, 500000, 'patent.application', 2019, 1, 11, 'level', 59856, '件', '59856', 'exact', 'actual', 'extracted', '截至2019年11月,全市申请专利59856件'),
  (29, 8, 500000, 'patent.invention.valid_per_10k', 2019, NULL, 11, 'level', 10.42, '件/万人', '10.42', 'exact', 'actual', 'extracted', '每万人口发明专利拥有量达到10.42件'),
  (30, 9, 210000, 'patent.grant', 2019, NULL, NULL, 'level', 40037, '件', '40037', 'exact', 'actual', 'extracted', '三种专利授权40037件'),
  (31, 9, 210000, 'patent.grant', 2019, NULL, NULL, 'growth_pct', 13.9, '%', '13.9', 'exact', 'actual', 'extracted', '三种专利授权40037件,同比增长13.9%'),
  (32, 9, 210000, 'patent.invention.valid_per_10k', 2019, NULL, NULL, 'level', 9.7, '件/万人', '9.7', 'exact', 'actual', 'extracted', '每万人口发明专利拥有量9.7件'),
  (33, 9, 210000, 'patent.invention.valid', 2019, NULL, NULL, 'level', 42282, '件', '42282', 'exact', 'actual', 'extracted', '有效发明专利量42282件'),
  (34, 10, 130900, 'patent.invention.valid', 2021, NULL, NULL, 'level', 1605, '件', '1605', 'exact', 'actual', 'extracted', '2021年底全市有效发明专利拥有量达到1605件'),
  (35, 10, 130900, 'patent.invention.valid_per_10k', 2021, NULL, NULL, 'level', 2.2, '件/万人', '2.2', 'exact', 'actual', 'extracted', '万人发明专利拥有量达到2.2件'),
  (36, 10, 130973, 'patent.pct.application', 2021, NULL, NULL, 'level', 1, '件', '1', 'exact', 'actual', 'extracted', '渤海新区、黄骅市、沧县、运河区、开发区各新增PCT国际专利1件'),
  (37, 10, 130983, 'patent.pct.application', 2021, NULL, NULL, 'level', 1, '件', '1', 'exact', 'actual', 'extracted', '渤海新区、黄骅市、沧县、运河区、开发区各新增PCT国际专利1件'),
  (38, 10, 130921, 'patent.pct.application', 2021, NULL, NULL, 'level', 1, '件', '1', 'exact', 'actual', 'extracted', '渤海新区、黄骅市、沧县、运河区、开发区各新增PCT国际专利1件'),
  (39, 10, 130903, 'patent.pct.application', 2021, NULL, NULL, 'level', 1, '件', '1', 'exact', 'actual', 'extracted', '渤海新区、黄骅市、沧县、运河区、开发区各新增PCT国际专利1件'),
  (40, 10, 130971, 'patent.pct.application', 2021, NULL, NULL, 'level', 1, '件', '1', 'exact', 'actual', 'extracted', '渤海新区、黄骅市、沧县、运河区、开发区各新增PCT国际专利1件'),
  (41, 10, 130900, 'ipr.pledge.amount', 2021, NULL, NULL, 'level', 249000000, '元', '2.49亿', 'exact', 'actual', 'extracted', '完成知识产权质押融资2.49亿元'),
  (42, 10, 130900, 'patent.invention.valid_per_10k', 2022, NULL, NULL, 'level', 2.6, '件/万人', '2.6', 'at_least', 'target', 'extracted', '到年底达到2.6件以上'),
  (43, 11, 520000, 'ipr.pledge.amount', 2022, NULL, NULL, 'level', 2753000000, '元', '27.53亿', 'exact', 'actual', 'extracted', '全年全省专利商标质押登记金额27.53亿元'),
  (44, 11, 520000, 'ipr.pledge.amount', 2022, NULL, NULL, 'growth_pct', 200, '%', '2倍', 'exact', 'actual', 'extracted', '全年全省专利商标质押登记金额27.53亿元,比上年增长2倍'),
  (45, 11, 520000, 'enforcement.admin.fines', 2022, NULL, NULL, 'level', 69315500, '元', '6931.55万', 'exact', 'actual', 'extracted', '罚没金额6931.55万元'),
  (46, 11, 520000, 'patent.application', 2022, NULL, NULL, 'level', 54236, '件', '54236', 'exact', 'actual', 'extracted', '全年受理专利(电子)申请 54236件'),
  (47, 12, 620000, 'patent.invention.valid', 2024, NULL, NULL, 'level', 17800, '件', '1.78万', 'exact', 'actual', 'extracted', '全省有效发明专利累计达到1.78万件'),
  (48, 12, 620000, 'patent.pledge.amount', 2024, NULL, NULL, 'level', 637000000, '元', '6.37亿', 'exact', 'actual', 'extracted', '新增质押专利668件,金额6.37亿元'),
  (49, 12, 620000, 'patent.pledge.amount', 2024, NULL, NULL, 'growth_pct', 13.3, '%', '13.3', 'exact', 'actual', 'extracted', '金额6.37亿元,同比增长13.3%'),
  (50, 13, 120000, 'patent.invention.grant', 2022, NULL, NULL, 'level', 11745, '件', '11745', 'exact', 'actual', 'extracted', '天津市发明专利授权11745件'),
  (51, 13, 120000, 'patent.invention.grant', 2022, NULL, NULL, 'growth_pct', 59.2, '%', '59.2', 'exact', 'actual', 'extracted', '天津市发明专利授权11745件,同比增长59.2%'),
  (52, 13, 120000, 'patent.invention.valid', 2022, NULL, NULL, 'level', 51000, '件', '5.1万', 'exact', 'actual', 'extracted', '有效发明专利达到5.1万件'),
  (53, 13, 120000, 'patent.invention.valid', 2022, NULL, NULL, 'growth_pct', 17.9, '%', '17.9', 'exact', 'actual', 'extracted', '有效发明专利达到5.1万件,同比增长17.9%'))
INSERT INTO observation (id, region_id, indicator_id, year, month_start, month_end, measure,
                         status, value, unit, value_text, qualifier, document_id, span_start,
                         span_end, quote, origin)
SELECT f.id, f.region, i.id, f.year, f.month_start, f.month_end, f.measure, f.status, f.value,
       CASE WHEN f.measure = 'growth_pct' THEN '%' ELSE f.unit END, f.value_text, f.qualifier,
       f.doc, instr(d.text, f.quote) - 1, instr(d.text, f.quote) - 1 + length(f.quote), f.quote,
       f.origin
FROM f
JOIN indicator i ON i.code = f.indicator
JOIN document d ON d.id = f.doc;
