# Request templates for loadgen: RetrieveRecFile inside a seeded acme call (ext and time from seed.sql's formulas),
# and search by number in the national form of a seeded customer. Usage: python3 requests.py CALLS KIND > file
import random, sys, datetime
calls, kind = int(sys.argv[1]), sys.argv[2]
random.seed(7)
start = datetime.datetime(2024, 1, 1)
for _ in range(20000):
    i = random.randrange(1, calls)
    if i % 10 == 0:
        i += 1
    if kind == "retrieve":
        t = start + datetime.timedelta(seconds=i * 31.5 + 10)
        path = ("/RecallIPInterfaceWS/JSONP/Recording.aspx/RetrieveRecFile?sExtension=%d&sPhoneNumber=03%d"
                "&dtCallDateTime=%%22%s%%22&bDeletionProtected=false&format=json"
                % (1000 + i % 200, 5000000 + (i * 7919) % 300000, t.strftime("%Y-%m-%d%%20%H:%M:%S")))
    else:
        path = "/v1/calls?number=03%d&limit=20" % (5000000 + (i * 7919) % 300000)
    print('{"method":"GET","path":"%s"}' % path)
