-- 005: household codes compare without leading zeros (DOMAIN.md rule 2: `hh 012` is `12`).
-- Codes stored before that rule keep their zeros ('012', '007B'); rewrite them as the parser
-- now stores them, so they count against the same household cap and show under one code.
-- A zero stays when no digit follows it ('0', '0A'). Stored overviews are left as they were
-- made. Never edit once landed.

UPDATE requests
   SET household = CASE
         WHEN ltrim(household, '0') = '' THEN '0'
         WHEN substr(ltrim(household, '0'), 1, 1) BETWEEN '0' AND '9' THEN ltrim(household, '0')
         ELSE '0' || ltrim(household, '0')
       END
 WHERE household GLOB '0[0-9]*';
