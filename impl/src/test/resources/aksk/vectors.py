# Independent reference of aksk-signing.md, used to compute the test vectors hard-coded in the Java tests.
import hashlib, hmac
from urllib.parse import quote, unquote
AK, SK, DATE, HOST = "HPUAEXAMPLEAK0000001", "example-sk-0123456789abcdef", "20261122T083600Z", "cocsync.example.com:8080"
def enc(s): return quote(s, safe='')
def canon_uri(segments): return "/" if not segments else "/" + "".join(enc(s) + "/" for s in segments)
def canon_query(params):
    pairs = [(enc(n), enc(v)) for n, v in params]
    pairs.sort(key=lambda p: p[0])  # python sort is stable
    return "&".join(n + "=" + v for n, v in pairs)
def sign(method, segments, params, headers, body, payload=None):
    names = sorted(h.lower() for h in headers)
    hv = {k.lower(): v for k, v in headers.items()}
    ch = "".join(n + ":" + hv[n] + "\n" for n in names)
    ph = payload or hashlib.sha256(body).hexdigest()
    cr = "\n".join([method, canon_uri(segments), canon_query(params), ch, ";".join(names), ph])
    sts = "SDK-HMAC-SHA256\n" + DATE + "\n" + hashlib.sha256(cr.encode()).hexdigest()
    return cr, hmac.new(SK.encode(), sts.encode(), hashlib.sha256).hexdigest(), ";".join(names)
base = {"Host": HOST, "X-Sdk-Date": DATE}
cases = {
 "list": ("GET", ["v1","vendor-account"], [("limit","10"),("offset","0")], dict(base), b""),
 "sdkHeaders": ("POST", ["v1","multicloud-resources","sync"], [], dict(base, **{"User-Agent":"huaweicloud-usdk-java/3.0","X-Project-Id":"0123456789abcdef"}), b'{"vendor": "HCS", "account_id": "ssstest21321"}'),
 "repeatedEncoded": ("GET", ["v1","multicloud-resources"], [("vendor","AWS"),("region_id_list","us-east-1"),("name_list","web 1"),("region_id_list","eu-west-1"),("limit","5"),("name_list","a/b*~+é")], dict(base), b""),
 "encodedPath": ("PUT", ["v1","vendor-account","ab c~d*e+f"], [], dict(base), '{"account_name": "Zürich"}'.encode()),
 "unsigned": ("DELETE", ["v1","vendor-account","688b32521c083f512c338cf2"], [], dict(base, **{"X-Sdk-Content-Sha256":"UNSIGNED-PAYLOAD"}), b"ignored"),
}
for name, (m, seg, q, h, b) in cases.items():
    payload = "UNSIGNED-PAYLOAD" if "X-Sdk-Content-Sha256" in h else None
    cr, sig, names = sign(m, seg, q, h, b, payload)
    print(name, names, sig)
    print(repr(cr))
    print("rawpath", "/" + "/".join(quote(s, safe='') for s in seg), "rawquery", "&".join(quote(n,safe='')+"="+quote(v,safe='') for n,v in q))
