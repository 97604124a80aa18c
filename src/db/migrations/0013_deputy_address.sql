-- 0013: a deputy's 通讯地址 and 备注 (「2023年补选」), kept from the office's roster.
ALTER TABLE deputies ADD COLUMN address TEXT;
ALTER TABLE deputies ADD COLUMN note TEXT;
