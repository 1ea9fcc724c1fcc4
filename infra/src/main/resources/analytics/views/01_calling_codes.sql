-- Country calling codes (ITU-T E.164) of the markets a South African contact centre meets most,
-- and Meta's pricing market for each. Calling codes are a prefix-free code, so a number matches
-- at most one row: the messages view joins the first 1, 2 and 3 digits after "+" to it. A number
-- whose code is not listed reads country 'other'. Add rows as needed (keep the list prefix-free).
CREATE OR REPLACE VIEW calling_codes AS
SELECT calling_code, country
FROM (
  VALUES
    ('1', 'US/CA (+1)'), ('7', 'RU/KZ'), ('20', 'EG'), ('27', 'ZA'), ('30', 'GR'), ('31', 'NL'),
    ('32', 'BE'), ('33', 'FR'), ('34', 'ES'), ('39', 'IT'), ('41', 'CH'), ('44', 'GB'),
    ('49', 'DE'), ('55', 'BR'), ('61', 'AU'), ('64', 'NZ'), ('86', 'CN'), ('91', 'IN'),
    ('212', 'MA'), ('233', 'GH'), ('234', 'NG'), ('254', 'KE'), ('255', 'TZ'), ('256', 'UG'),
    ('258', 'MZ'), ('260', 'ZM'), ('263', 'ZW'), ('264', 'NA'), ('266', 'LS'), ('267', 'BW'),
    ('268', 'SZ'), ('351', 'PT'), ('353', 'IE'), ('971', 'AE')
) AS codes (calling_code, country)
